/**
 * Leaves for the sign-in page, which brings the user back to `next` (a path on this site) once
 * signed in: for a form whose session ended, or that needs one. A full load, as for any link to
 * the sign-in page. The form must have kept its draft first (session-draft.ts).
 */
export function signInAndComeBackTo(next: string): void {
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}
