/**
 * The translate-path step: a URL path to a regular file inside the docroot, safely.
 *
 * The path is percent-decoded exactly once. A `..` segment, a backslash or a NUL byte in the decoded
 * path is refused before the file system is touched; the candidate is then resolved with realpath and
 * must still lie inside the real docroot, so a symlink pointing out of it is refused too. Whatever is
 * encoded a second time (`%252e%252e`) stays a literal file name after the one decoding, and so can
 * only name a file inside the docroot. A directory serves its index file or is not found.
 */
import { realpathSync, statSync } from "node:fs";
import { sep } from "node:path";
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
    const decoded = percentDecodeOnce(urlPath);
    if (decoded === undefined) return new RequestRejection(400, "the path has a malformed percent-escape; use %XX with two hex digits.");
    const relative = safeRelativePath(decoded);
    if (relative instanceof RequestRejection) return relative;
    const found = this.resolveInside(relative === "" ? this.realDocroot : this.prefix + relative);
    if (!(found instanceof Resolved)) return found;
    if (found.isDirectory) {
      const index = this.resolveInside(found.path + sep + directoryIndexFile);
      if (!(index instanceof Resolved)) return index.status === 403 ? index : notFound();
      if (index.isDirectory) return notFound();
      return index.toFile();
    }
    if (decoded.endsWith("/")) return notFound(); // "/file.txt/" names a directory that is not there
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
    if (stats.isDirectory()) return new Resolved(real, true, 0, 0);
    if (!stats.isFile()) return notFound(); // never open a FIFO, socket or device
    return new Resolved(real, false, stats.size, stats.mtimeMs);
  }
}

function notFound(): RequestRejection {
  return new RequestRejection(404, "no such file under the docroot.");
}

/** An intermediate result of `resolveInside`. */
class Resolved {
  constructor(
    readonly path: string,
    readonly isDirectory: boolean,
    readonly size: number,
    readonly mtimeMs: number,
  ) {}

  toFile(): ResolvedFile {
    return { path: this.path, size: this.size, mtimeMs: this.mtimeMs, contentType: contentTypeFor(this.path) };
  }
}
