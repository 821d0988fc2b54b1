/**
 * A temporary docroot for the pipeline's tests: text and binary files, a directory with an index and
 * one without, and a secret file beside (outside) the docroot with symlinks pointing at it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

/** What the fixture holds. */
export interface TestDocroot {
  /** The folder holding `docroot/` and `secret.txt`. */
  base: string;
  docroot: string;
  /** Contents of files by URL path. */
  files: Record<string, Buffer>;
  /** The content of the file outside the docroot: must never be served. */
  secret: Buffer;
  /** Modification time (s) given to every file. */
  mtimeSeconds: number;
  remove(): void;
}

/** Creates the fixture under the OS temp folder. */
export function makeTestDocroot(): TestDocroot {
  const base = mkdtempSync(join(tmpdir(), "flashlab-http-"));
  const docroot = join(base, "docroot");
  mkdirSync(join(docroot, "dir"), { recursive: true });
  mkdirSync(join(docroot, "empty-dir"));
  mkdirSync(join(docroot, "%2e%2e"));
  const secret = Buffer.from("TOP-SECRET outside the docroot\n");
  writeFileSync(join(base, "secret.txt"), secret);
  const files: Record<string, Buffer> = {
    "/index.html": Buffer.from("<h1>root index</h1>\n"),
    "/hello.txt": Buffer.from("hello, flashlab\n"),
    "/binary.bin": randomBytes(200_000),
    "/dir/index.html": Buffer.from("<p>dir index</p>\n"),
    "/dir/page.css": Buffer.from("p { color: red }\n"),
    "/with space.txt": Buffer.from("spaced\n"),
    "/caf\u00e9.txt": Buffer.from("utf-8 name\n"),
    "/%2e%2e/inside.txt": Buffer.from("a folder literally named %2e%2e\n"),
    "/empty.txt": Buffer.alloc(0),
  };
  for (const [urlPath, content] of Object.entries(files)) writeFileSync(join(docroot, urlPath), content);
  symlinkSync(join(base, "secret.txt"), join(docroot, "escape.txt"));
  symlinkSync(base, join(docroot, "escape-dir"));
  symlinkSync(join(docroot, "hello.txt"), join(docroot, "inner-link.txt"));
  const mtimeSeconds = 1_700_000_000;
  for (const urlPath of Object.keys(files)) utimesSync(join(docroot, urlPath), mtimeSeconds, mtimeSeconds);
  return { base, docroot, files, secret, mtimeSeconds, remove: () => rmSync(base, { recursive: true, force: true }) };
}
