import fc from "fast-check";
import { nestedJson, nesting, oddValue, toJsonText } from "./odd-values";

/**
 * Bad requests for a JSON route: one field of a valid body changed, dropped or added,
 * random objects, text that is not JSON, bodies over the 16 KB limit, bytes that are not
 * UTF-8, and content types other than JSON.
 */

type Path = Array<string | number>;

/** Every path to a value in `value`, containers included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  }
  if (value && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return here;
}

/** A copy of `template` with the value at `path` replaced, or removed. */
function withChange(template: unknown, path: Path, value: unknown, remove: boolean): unknown {
  type Node = Record<string | number, unknown>;
  const copy = structuredClone(template) as Node;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Node;
  const last = path.at(-1)!;
  if (remove && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

function mutationsOf(template: Record<string, unknown>): fc.Arbitrary<string> {
  const paths = pathsOf(template);
  const fields = Object.keys(template);
  const extraKey = fc.oneof(
    fc.constantFrom("extra", "__proto__", "constructor", "clientIp", "sessionToken"),
    fc.string(),
  );
  return fc.oneof(
    fc
      .record({ path: fc.constantFrom(...paths), value: oddValue, remove: fc.boolean() })
      .map(({ path, value, remove }) => toJsonText(withChange(template, path, value, remove))),
    fc
      .record({ key: extraKey, value: oddValue })
      .map(({ key, value }) => toJsonText({ ...template, [key]: value })),
    fc
      .dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 })), oddValue, {
        maxKeys: 8,
      })
      .map(toJsonText),
  );
}

function brokenJsonOf(template: Record<string, unknown>): fc.Arbitrary<string> {
  const valid = JSON.stringify(template);
  // prettier-ignore
  const broken = ["", " ", "{", "}", "[]", "null", "0", '""', "{'address':1}", '{"a":1,}', "NaN",
    "\uFEFF" + valid, valid.replace(/"/g, "'")];
  return fc.oneof(
    fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
    fc.string({ maxLength: 20 }).map((tail) => valid + tail),
    fc.constantFrom(...broken),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
    nesting(100, 8_000).map(([depth, kind]) => nestedJson(depth, kind)),
  );
}

/** Valid JSON, padded just past the 16 KB limit or far past it. */
function oversizedOf(template: Record<string, unknown>): fc.Arbitrary<string> {
  return fc
    .integer({ min: 16 * 1024, max: 64 * 1024 })
    .map((size) => JSON.stringify({ ...template, padding: "x".repeat(size) }));
}

const contentType = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 12 },
  {
    // prettier-ignore
    arbitrary: fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON",
      "application/vnd.api+json", "application/json, text/plain", "application/jsonp", "text/json",
      "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
      "application/octet-stream", "", "; application/json"),
    weight: 3,
  },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

export interface BadRequest {
  /** Undefined: no Content-Type header at all. */
  contentType: string | undefined;
  body: Buffer;
}

/** Every kind of bad request for a JSON route whose valid body is `template`. */
export function badRequestsFor(template: Record<string, unknown>): fc.Arbitrary<BadRequest> {
  const text = fc.oneof(
    { arbitrary: mutationsOf(template), weight: 8 },
    { arbitrary: brokenJsonOf(template), weight: 3 },
    { arbitrary: oversizedOf(template), weight: 1 },
  );
  const notUtf8 = fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes));
  return fc.oneof(
    {
      arbitrary: fc.record({ contentType, body: text.map((t) => Buffer.from(t, "utf8")) }),
      weight: 12,
    },
    { arbitrary: fc.record({ contentType, body: notUtf8 }), weight: 1 },
  );
}
