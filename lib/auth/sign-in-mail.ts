import type { Mail } from "@/lib/mail/send-mail";

/** The email that carries a sign-in code: the code, how long it works, and what to do if unasked. */
export function signInCodeMail(to: string, code: string, minutes: number): Mail {
  return {
    to,
    subject: `Your sign-in code: ${code}`,
    text: [
      `Your sign-in code is ${code}.`,
      "",
      `It works once, for ${minutes} minutes. Enter it on the sign-in page.`,
      "If you did not ask to sign in, ignore this email: nobody can sign in without the code.",
    ].join("\n"),
  };
}
