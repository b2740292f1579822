/** Shown instead of redirecting when the client or its redirect_uri is not the registered one. */
export function AuthorizeError({ title, message }: { title: string; message: string }) {
  return (
    <section role="alert" className="space-y-2">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>{message}</p>
      <p className="text-sm text-slate-600">Nothing was shared. You can close this tab.</p>
    </section>
  );
}
