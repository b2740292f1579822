/** Next calls this once at server start. */
export async function register() {
  // NEXT_RUNTIME is Next's own flag, not app configuration.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateAtStartup } = await import("./lib/config/startup");
    await validateAtStartup();
  }
}
