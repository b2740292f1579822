// What a first visit to a page downloads: its HTML, the external scripts it names and
// its stylesheets, each counted at its gzip size (level 6, what `next start` sends).
// `nomodule` scripts (polyfills) are left out of the JavaScript figure: browsers that
// run modules, i.e. every phone browser in use, never fetch them; they are listed apart.
// Inline scripts (Next's RSC payload and bootstrap) are part of the HTML; they are also
// reported on their own so that a growing payload is visible.
import { gzipSync } from "node:zlib";

const gzipSize = (bytes) => gzipSync(bytes, { level: 6 }).length;

async function fetchBytes(url) {
  const response = await fetch(url, { headers: { "user-agent": "Mozilla/5.0 (bench)" } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function files(urls) {
  const out = [];
  for (const url of urls) {
    const bytes = await fetchBytes(url);
    out.push({ url: new URL(url).pathname, raw: bytes.length, gzip: gzipSize(bytes) });
  }
  return out;
}

const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);

export async function pageWeight(origin, path) {
  const html = await fetchBytes(`${origin}${path}`);
  const text = html.toString("utf8");
  const absolute = (href) => new URL(href.replaceAll("&amp;", "&"), `${origin}${path}`).href;
  const modern = new Set();
  const legacy = new Set();
  const inline = [];
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const src = /\bsrc="([^"]+)"/i.exec(attributes)?.[1];
    if (!src) inline.push(match[2] ?? "");
    else if (/\bnomodule\b/i.test(attributes)) legacy.add(absolute(src));
    else modern.add(absolute(src));
  }
  const styles = new Set();
  for (const match of text.matchAll(/<link\b[^>]*>/gi)) {
    const href = /\bhref="([^"]+)"/i.exec(match[0])?.[1];
    if (href && /\brel="stylesheet"/i.test(match[0])) styles.add(absolute(href));
  }
  const scripts = await files(modern);
  const legacyScripts = await files(legacy);
  const stylesheets = await files(styles);
  const inlineBytes = Buffer.from(inline.join(""));
  return {
    path,
    scriptCount: scripts.length,
    jsRaw: sum(scripts, "raw"),
    jsGzip: sum(scripts, "gzip"),
    inlineScriptRaw: inlineBytes.length,
    inlineScriptGzip: gzipSize(inlineBytes),
    cssGzip: sum(stylesheets, "gzip"),
    htmlRaw: html.length,
    htmlGzip: gzipSize(html),
    legacyJsGzip: sum(legacyScripts, "gzip"),
    scripts,
    legacyScripts,
    stylesheets,
  };
}
