/**
 * A loader that runs once per page: later calls share the first call's promise. For code
 * split off the first visit (a dynamic `import()`) that several components may ask for. A
 * load that failed (the connection dropped) is forgotten, so that the next call tries again
 * instead of the form staying dead until a reload.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** What a form says when the code it needed could not be fetched. */
export const LOAD_FAILED = "Part of this page did not load. Check your connection and try again.";
