import { z } from "zod";
import { codeDigits } from "./one-time-code";

/** What the sign-in form sends; the form shows these messages inline, the routes enforce them. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long")
  .pipe(z.email("Enter an email address such as you@example.com"));

export const SendCodeSchema = z.object({ email: EmailSchema }).strict();

export const SignInSchema = z
  .object({
    email: EmailSchema,
    code: z
      .string()
      .overwrite(codeDigits)
      .regex(/^\d{6}$/, "The code is the 6 digits from the email"),
  })
  .strict();

export type SendCodeRequest = z.infer<typeof SendCodeSchema>;
export type SignInRequest = z.infer<typeof SignInSchema>;
