/**
 * The translate-path step: a URL path to a regular file inside the docroot, safely.
 *
 * The path is percent-decoded exactly once. A `..` segment, a backslash or a NUL byte in the decoded
 * path is refused before the file system is touched; the candidate is then resolved with realpath and
 * must still lie inside the real docroot, so a symlink pointing out of it is refused too. Whatever is
 * encoded a second time (`%252e%252e`) stays a literal file name after the one decoding, and so can
 * only name a file inside the docroot. A directory serves its index file or is not found.
 *
 * `normalize` turns a URL path into the decoded, normalized path it names ("/a/b.html", with a trailing
 * "/" kept because it matters): the key of the pathname translation cache, so that the many spellings of
 * one file ("//a/./b.html", "/a/%62.html") share one entry. `translateNormalized` resolves such a key.
 */
import { realpathSync, statSync, type Stats } from "node:fs";
import { sep } from "node:path";
import { versionOf } from "../storage/index.js";
import { contentTypeFor } from "./content-type.js";
import type { ResolvedFile } from "./resolved-file.js";
import { RequestRejection } from "./status.js";

/** The file a directory serves. */
export const directoryIndexFile = "index.html";

/** Decodes %XX escapes once, as UTF-8. Returns undefined when an escape is malformed. */
export function percentDecodeOnce(encoded: string): string | undefined {
  if (!encoded.includes("%")) return encoded;
  const bytes = Buffer.allocUnsafe(encoded.length);
  let length = 0;
  for (let i = 0; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i);
    if (code !== 37 /* % */) {
      bytes[length++] = code;
      continue;
    }
    const high = hexValue(encoded.charCodeAt(i + 1));
    const low = hexValue(encoded.charCodeAt(i + 2));
    if (high < 0 || low < 0) return undefined;
    bytes[length++] = high * 16 + low;
    i += 2;
  }
  return bytes.toString("utf8", 0, length);
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Turns a decoded URL path into a path relative to the docroot ("a/b.html", "" for the root), or a
 * rejection: 404 for a NUL byte, 403 for a backslash or a ".." segment.
 */
export function safeRelativePath(decoded: string): string | RequestRejection {
  if (decoded.includes("\0")) return new RequestRejection(404, "the path contains a NUL byte; no such file.");
  if (decoded.includes("\\")) return new RequestRejection(403, "backslashes are not allowed in paths; use \"/\".");
  const kept: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") return new RequestRejection(403, "\"..\" segments are not allowed; paths stay inside the docroot.");
    kept.push(segment);
  }
  return kept.join("/");
}

/** Translates URL paths to files under one docroot (the translate-path step, without any cache). */
export class PathTranslator {
  /** The docroot with every symlink resolved; every served file lies below it. */
  readonly realDocroot: string;
  private readonly prefix: string;

  /** Throws an Error naming the problem when `docroot` is missing or not a directory. */
  constructor(docroot: string) {
    let real: string;
    try {
      real = realpathSync.native(docroot);
    } catch (error) {
      throw new Error(`docroot ${docroot} does not exist (${(error as NodeJS.ErrnoException).code ?? "unknown error"}); give an existing directory.`);
    }
    if (!statSync(real).isDirectory()) throw new Error(`docroot ${docroot} is not a directory; give a directory of files to serve.`);
    this.realDocroot = real;
    this.prefix = real.endsWith(sep) ? real : real + sep;
  }

  /** The file that `urlPath` (percent-encoded, without query) names, or why it cannot be served. */
  translate(urlPath: string): ResolvedFile | RequestRejection {
    const key = this.normalize(urlPath);
    return typeof key === "string" ? this.translateNormalized(key) : key;
  }

  /**
   * The decoded, normalized form of `urlPath` (percent-encoded, without query): "/" followed by its
   * segments without empty or "." ones, ending in "/" when the decoded path did; or why it is refused
   * (400 for a malformed escape; see `safeRelativePath`). A path that is already in that form (the usual
   * case) is returned as it is, without allocating. Runs in O(length).
   */
  normalize(urlPath: string): string | RequestRejection {
    if (isNormalized(urlPath)) return urlPath;
    const decoded = percentDecodeOnce(urlPath);
    if (decoded === undefined) return new RequestRejection(400, "the path has a malformed percent-escape; use %XX with two hex digits.");
    const relative = safeRelativePath(decoded);
    if (relative instanceof RequestRejection) return relative;
    return relative === "" ? "/" : decoded.endsWith("/") ? `/${relative}/` : `/${relative}`;
  }

  /** The file that a path made by `normalize` names, or why it cannot be served. Never decodes again. */
  translateNormalized(key: string): ResolvedFile | RequestRejection {
    const endsWithSlash = key.endsWith("/");
    const relative = endsWithSlash ? key.slice(1, -1) : key.slice(1);
    const found = this.resolveInside(relative === "" ? this.realDocroot : this.prefix + relative);
    if (!(found instanceof Resolved)) return found;
    if (found.isDirectory) {
      const index = this.resolveInside(found.path + sep + directoryIndexFile);
      if (!(index instanceof Resolved)) return index.status === 403 ? index : notFound();
      if (index.isDirectory) return notFound();
      return index.toFile();
    }
    if (endsWithSlash) return notFound(); // "/file.txt/" names a directory that is not there
    return found.toFile();
  }

  /** realpath + containment + stat. */
  private resolveInside(candidate: string): Resolved | RequestRejection {
    let real: string;
    try {
      real = realpathSync.native(candidate);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "ELOOP") return new RequestRejection(403, "the file cannot be opened.");
      return notFound();
    }
    if (real !== this.realDocroot && !real.startsWith(this.prefix)) {
      return new RequestRejection(403, "the path leads outside the docroot.");
    }
    let stats;
    try {
      stats = statSync(real);
    } catch {
      return notFound();
    }
    if (stats.isDirectory()) return new Resolved(real, true, stats);
    if (!stats.isFile()) return notFound(); // never open a FIFO, socket or device
    return new Resolved(real, false, stats);
  }
}

/**
 * True when `path` is its own decoded, normalized form: it starts with "/", holds no "%", backslash or
 * NUL, and no segment but the last is empty, "." or "..".
 */
function isNormalized(path: string): boolean {
  if (path.charCodeAt(0) !== 47 /* / */) return false;
  let segmentStart = 1;
  for (let i = 1; i <= path.length; i++) {
    const code = i < path.length ? path.charCodeAt(i) : 47;
    if (code === 37 /* % */ || code === 92 /* \ */ || code === 0) return false;
    if (code !== 47) continue;
    const length = i - segmentStart;
    if (length === 0 && i < path.length) return false; // "//"
    if (length === 1 && path.charCodeAt(segmentStart) === 46) return false; // "."
    if (length === 2 && path.charCodeAt(segmentStart) === 46 && path.charCodeAt(segmentStart + 1) === 46) return false; // ".."
    segmentStart = i + 1;
  }
  return true;
}

function notFound(): RequestRejection {
  return new RequestRejection(404, "no such file under the docroot.");
}

/** An intermediate result of `resolveInside`. */
class Resolved {
  constructor(
    readonly path: string,
    readonly isDirectory: boolean,
    private readonly stats: Stats,
  ) {}

  toFile(): ResolvedFile {
    return { path: this.path, ...versionOf(this.stats), contentType: contentTypeFor(this.path) };
  }
}
