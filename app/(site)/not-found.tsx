import { NotFoundContent } from "@/components/layout/NotFoundContent";

export const metadata = { title: "Page not found" };

/**
 * A page of the site that found nothing to show (another user's guest order, say): inside the
 * site's layout, which has the header and the one `<main>` already.
 */
export default function SiteNotFound() {
  return <NotFoundContent />;
}
