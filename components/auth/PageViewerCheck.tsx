import type { ReactNode } from "react";
import { getPageUser, viewerOf } from "@/lib/auth/page-user";
import { PageViewer } from "./ViewerCheck";

/**
 * In every page of the site: keeps the header, which the site's links do not render again,
 * and the tab's drafts with the user the page was rendered for (ViewerCheck.tsx). The
 * session is read once per render (getPageUser), so this costs no more on a full load.
 */
export async function PageViewerCheck() {
  const viewer = await getPageUser();
  return (
    <PageViewer
      viewer={viewerOf(viewer)}
      email={viewer.state === "signed_in" ? viewer.user.email : null}
    />
  );
}

/** A page of the site with the check beside it: `export default withViewerCheck(SomePage)`. */
export function withViewerCheck<P extends object>(
  Page: (props: P) => ReactNode | Promise<ReactNode>,
) {
  return function CheckedPage(props: P) {
    return (
      <>
        <PageViewerCheck />
        <Page {...props} />
      </>
    );
  };
}
