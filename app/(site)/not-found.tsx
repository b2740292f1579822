import { NotFoundContent } from "@/components/layout/NotFoundContent";

/**
 * A page of the site that found nothing to show (another user's guest order, say): inside the
 * site's layout, which has the header and the one `<main>` already. (The tab keeps the page's
 * title: Next has resolved its metadata by the time the page calls `notFound()`.)
 */
export default function SiteNotFound() {
  return <NotFoundContent />;
}
