/**
 * The consent page answered again, once its request was answered or had expired: nothing more
 * is shared from it, and the way on is back at the app, where Connect starts a fresh request.
 */
export function ConsentOver({ connectUrl }: { connectUrl: string }) {
  return (
    <section role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">This sign-in request is no longer open</h1>
      <p>
        It was answered already, or it expired (a request lasts 10 minutes). Nothing more was shared
        from this page.
      </p>
      <p>
        <a href={connectUrl} className="font-medium text-blue-800 underline">
          Back to the app to connect again
        </a>
      </p>
    </section>
  );
}
