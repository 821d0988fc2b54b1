/**
 * Maps the request targets of a trace to safe file names in a docroot.
 *
 * A trace's targets are arbitrary text: query strings, fragments, spaces, percent-escapes, "..",
 * duplicate slashes, directories ("/shuttle/"), and pairs like "/a" and "/a/b" that cannot both be
 * files. Two steps make them safe:
 * 1. `normaliseRequestTarget` turns a target into the key that identifies one resource: an absolute URL
 *    is cut to its path, the fragment is dropped (clients never send it), each path segment is
 *    percent-decoded, "." and ".." segments are resolved as RFC 3986 does (".." at the root stays at
 *    the root), empty segments are dropped; the query string is kept, so "/cgi?x=1" and "/cgi?x=2" are
 *    distinct resources, as they were for the logged server.
 * 2. `assignStoredPaths` gives every key a URL path made only of A–Z a–z 0–9 . _ ~ - and "/": other
 *    characters become "_", a segment that starts with "." gets a "_" in front, long segments are cut,
 *    a directory key ("/a/") becomes "/a/index.html", a query becomes a "_q_…" suffix; a key whose
 *    characters changed or that has a query gets "-h" and 8 hex digits of its SHA-1; names that still
 *    collide get "-2", "-3"…, and a file name that another key needs as a directory gets "-file".
 *    Suffixes go before the extension ("b.gif" → "b-2.gif"), so the file keeps its type. The result can never leave the docroot:
 *    it has no "." or ".." segment and no character a file system treats specially.
 */
import { createHash } from "node:crypto";

/**
 * The resource key of a logged request target, or undefined when the target is not a path
 * (it must start with "/", or be an absolute http(s) URL).
 */
export function normaliseRequestTarget(target: string): string | undefined {
  let text = target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(text);
  if (absolute) text = text.slice(absolute[0].length) || "/";
  if (!text.startsWith("/")) return undefined;
  const hash = text.indexOf("#");
  if (hash >= 0) text = text.slice(0, hash);
  const question = text.indexOf("?");
  const pathPart = question >= 0 ? text.slice(0, question) : text;
  const query = question >= 0 ? text.slice(question + 1) : undefined;
  const segments: string[] = [];
  const rawSegments = pathPart.split("/").slice(1);
  rawSegments.forEach((raw) => {
    const segment = safeDecode(raw);
    if (segment === "" || segment === ".") return;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  });
  const last = rawSegments[rawSegments.length - 1];
  const isDirectory = segments.length === 0 || last === "" || last === "." || last === "..";
  const path = "/" + segments.join("/") + (isDirectory && segments.length > 0 ? "/" : "");
  return query === undefined ? path : `${path}?${query}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%" that is not an escape: keep the text as logged
  }
}

const maxSegmentLength = 100;

function sanitiseSegment(segment: string): string {
  let safe = segment.replace(/[^A-Za-z0-9._~-]/g, "_");
  if (safe.startsWith(".")) safe = `_${safe}`;
  if (safe.length > maxSegmentLength) {
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(safe)?.[0] ?? "";
    safe = safe.slice(0, maxSegmentLength - extension.length) + extension;
  }
  return safe;
}

function shortHash(key: string): string {
  return createHash("sha1").update(key).digest("hex").slice(0, 8);
}

/** Inserts `suffix` before the last segment's extension: ("/a/b.gif", "-2") → "/a/b-2.gif". */
function withSuffix(name: string, suffix: string): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name.slice(name.lastIndexOf("/") + 1));
  if (!extension || extension.index === 0) return name + suffix;
  const cut = name.length - extension[0].length;
  return name.slice(0, cut) + suffix + name.slice(cut);
}

/** The first-choice stored name of a key, before collisions are resolved. */
function candidatePath(key: string): string {
  const question = key.indexOf("?");
  const path = question >= 0 ? key.slice(0, question) : key;
  const query = question >= 0 ? key.slice(question + 1) : undefined;
  const segments = path.split("/").filter((segment) => segment !== "");
  const isDirectory = path.endsWith("/") || segments.length === 0;
  const safeSegments = segments.map(sanitiseSegment);
  const plain = "/" + safeSegments.join("/");
  const changed = plain !== (isDirectory && segments.length > 0 ? path.slice(0, -1) : path);
  let name = isDirectory ? `${plain === "/" ? "" : plain}/index.html` : plain;
  if (query !== undefined) name = withSuffix(name, `_q_${sanitiseSegment(query).slice(0, 40)}`);
  if (changed || query !== undefined) name = withSuffix(name, `-h${shortHash(key)}`);
  return name;
}

/**
 * Stored URL paths for `keys` (normalised targets, distinct), in the same order. Deterministic: it
 * depends only on the keys and their order. O(total length of the keys).
 */
export function assignStoredPaths(keys: readonly string[]): string[] {
  const used = new Set<string>();
  const directories = new Set<string>();
  const stored = keys.map((key) => {
    let name = candidatePath(key);
    if (directories.has(name)) name = withSuffix(name, "-file");
    const first = name;
    for (let suffix = 2; used.has(name) || directories.has(name); suffix++) name = withSuffix(first, `-${suffix}`);
    used.add(name);
    for (let slash = name.indexOf("/", 1); slash > 0; slash = name.indexOf("/", slash + 1)) directories.add(name.slice(0, slash));
    return name;
  });
  // A name that a later key made into a directory ("/a" then "/a/b") moves aside: "/a" → "/a-file".
  return stored.map((name, index) => {
    if (!directories.has(name)) return name;
    let renamed = withSuffix(name, "-file");
    for (let suffix = 2; used.has(renamed) || directories.has(renamed); suffix++) renamed = withSuffix(name, `-file${suffix}`);
    used.add(renamed);
    stored[index] = renamed;
    return renamed;
  });
}
