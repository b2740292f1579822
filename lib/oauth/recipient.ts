/** An email recipient (Coinbase sends to a Coinbase user by email); else it is an address. Browser-safe. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
