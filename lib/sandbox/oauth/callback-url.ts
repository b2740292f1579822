import "server-only";

/**
 * The client's redirect_uri with the answer appended (its own query kept). Callers pass
 * only the registered URI, never one read from the request: no open redirector.
 */
export function callbackUrl(
  registeredUri: string,
  answer: Record<string, string | undefined>,
): string {
  const url = new URL(registeredUri);
  for (const [name, value] of Object.entries(answer)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}

/**
 * The app's Connect page, for a consent page with nowhere else to send the user: on the
 * registered redirect_uri's origin, never anything the request names.
 */
export function appConnectUrl(registeredUri: string): string {
  return new URL("/connect", registeredUri).toString();
}

/** A redirect-borne OAuth error (RFC 6749 §4.1.2.1). */
export function errorCallbackUrl(
  registeredUri: string,
  error: string,
  description: string,
  state?: string,
): string {
  return callbackUrl(registeredUri, { error, error_description: description, state });
}
