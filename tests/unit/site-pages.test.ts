import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, filesUnder } from "../support/repo-files";

/**
 * The site's links render only the next page, never the header: each page must carry the
 * check that keeps the header and the tab's drafts with the user it was rendered for
 * (components/auth/ViewerCheck.tsx). A page added without it would show the last user's
 * header, and bring back their form, after another user signed in from another tab.
 */
test("every page of the site is exported through withViewerCheck", () => {
  const pages = filesUnder(path.join(ROOT, "app/(site)")).filter(
    (file) => path.basename(file) === "page.tsx",
  );
  assert.ok(pages.length >= 13, `only ${pages.length} pages found`);
  const without = pages
    .filter((file) => !/^export default withViewerCheck\(\w+\);$/m.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(ROOT, file));
  assert.deepEqual(without, []);
});
