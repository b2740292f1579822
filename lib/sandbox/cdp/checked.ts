/** A check's outcome in the sandbox's Coinbase APIs: the value, or the message a caller sees. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const no = (message: string): Checked<never> => ({ ok: false, message });
