import "server-only";

/**
 * Errors about the CDP key's configuration. They never contain any part of the secret,
 * nor an underlying crypto error (which could), nor a `cause`.
 */
export class CdpKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CdpKeyError";
  }
}

export const ACCEPTED_FORMS =
  'Accepted forms: a PEM EC private key (SEC1, "BEGIN EC PRIVATE KEY"), a PEM PKCS#8 private key ' +
  '("BEGIN PRIVATE KEY"), a base64 Ed25519 key of 64 bytes, or the downloaded JSON key file (its content, not its path). ' +
  "Supported key types: ECDSA P-256 (ES256) and Ed25519 (EdDSA).";

export const ACCEPTED_IDS =
  'Accepted forms: a UUID or "organizations/<org>/apiKeys/<key>", as in the "id" (older files: "name") of the downloaded JSON key file.';

export function unreadable(detail?: string): CdpKeyError {
  return new CdpKeyError(
    `CDP_API_KEY_SECRET could not be read as a CDP secret key${detail ? ` (${detail})` : ""}. ${ACCEPTED_FORMS}`,
  );
}
