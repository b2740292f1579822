/**
 * A loader that runs once per page: later calls share the first call's promise. For code
 * split off the first visit (a dynamic `import()`) that several components may ask for.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
