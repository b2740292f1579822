import { useSyncExternalStore } from "react";

const noChanges = () => () => {};

/**
 * False while the server renders and while the browser hydrates that HTML, true from the
 * render after: for what must not exist before the page's own script runs.
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    noChanges,
    () => true,
    () => false,
  );
}
