/**
 * Content-Type by file extension: a small table for the files a static web server meets in this lab.
 */
import { extname } from "node:path";

const typesByExtension: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".mp4": "video/mp4",
  ".mp3": "audio/mpeg",
};

/** The type sent for extensions the table does not know (and for files without one). */
const defaultContentType = "application/octet-stream";

/** The Content-Type for a file name, chosen by its extension (case-insensitive). */
export function contentTypeFor(fileName: string): string {
  return typesByExtension[extname(fileName).toLowerCase()] ?? defaultContentType;
}
