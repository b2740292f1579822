"use client";

/** "0:42": minutes and seconds, as a clock shows a short wait. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** What the line says while the server would refuse another code request. */
export const newCodeWaitText = (seconds: number) =>
  `You can ask for a new code in ${clockTime(seconds)}`;

/**
 * Beside a "Send a new code" button held disabled for `seconds`; nothing once it is 0. Not a
 * live region: a line changing every second would be read out every second (the refusal
 * that started the wait is announced where it is shown).
 */
export function NewCodeWait({ seconds }: { seconds: number }) {
  if (seconds <= 0) return null;
  return <p className="text-sm text-slate-700">{newCodeWaitText(seconds)}</p>;
}
