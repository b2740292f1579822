// Here, not in the client form: a server component importing a value from a "use client"
// module would get a client reference, not the string (as ACCOUNT_ERROR_ID).
export const SEND_LIMIT_ERROR_ID = "consent-send-limit-error";
