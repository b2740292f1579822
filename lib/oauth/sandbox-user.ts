/** The one user of the Connect sandbox: its profile's email, where its two-step codes go. */
export const SANDBOX_USER_EMAIL = "sandy@example.com";
