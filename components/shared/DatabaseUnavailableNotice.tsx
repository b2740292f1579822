/** What a page shows when the app's database does not answer: nothing is lost, try again soon. */
export function DatabaseUnavailableNotice() {
  return (
    <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      The app&apos;s database cannot be reached right now, so we cannot tell who is signed in.
      Nothing you did is lost: try again in a moment.
    </p>
  );
}
