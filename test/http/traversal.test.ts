// No path, however encoded, serves a file outside the docroot: the answer is 403 or 404.
import { describe, expect, it } from "vitest";
import { PathTranslator, percentDecodeOnce, RequestRejection, safeRelativePath } from "../../lib/http/index.js";
import { exchangeRaw } from "../../lib/loadgen/index.js";
import { createFlashCaches } from "../../lib/http/index.js";
import { useDocrootServer } from "./support/test-server.js";

const context = useDocrootServer({ caches: createFlashCaches() });

const nastyPaths = [
  "/../secret.txt",
  "/../../../../etc/passwd",
  "/dir/../../secret.txt",
  "/./../secret.txt",
  "/%2e%2e/secret.txt",
  "/%2E%2E/secret.txt",
  "/%2e%2e%2fsecret.txt",
  "/dir/%2e%2e/%2e%2e/secret.txt",
  "/..%2fsecret.txt",
  "/..%5csecret.txt",
  "/%5c..%5csecret.txt",
  "/..\\secret.txt",
  "/%252e%252e/secret.txt",
  "/%252e%252e%252fsecret.txt",
  "/escape.txt",
  "/escape-dir/secret.txt",
  "/escape-dir/",
  "/hello.txt%00.html",
  "/%00../secret.txt",
  "/../docroot/../secret.txt",
  "//../secret.txt",
  "/%c0%ae%c0%ae/secret.txt",
  "/.%2e/secret.txt",
  "/etc/passwd",
  "http://127.0.0.1/../secret.txt",
];

describe("path traversal over the socket", () => {
  it.each(nastyPaths)("%s → 403 or 404, never outside content", async (path) => {
    const result = await exchangeRaw({ port: context.server.port, send: `GET ${path} HTTP/1.0\r\n\r\n`, waitForClose: true });
    const response = result.responses[0]!;
    expect([403, 404]).toContain(response.status);
    expect(response.body.includes(context.root.secret)).toBe(false);
    expect(response.body.toString()).not.toMatch(/root:|TOP-SECRET/);
  });

  it("refuses the same paths again when the path cache is warm", async () => {
    for (const path of nastyPaths) {
      const result = await exchangeRaw({ port: context.server.port, send: `GET ${path} HTTP/1.0\r\n\r\n`, waitForClose: true });
      expect(result.responses[0]!.body.includes(context.root.secret)).toBe(false);
    }
  });
});

describe("path translation rules", () => {
  it("decodes exactly once", () => {
    expect(percentDecodeOnce("/a%20b")).toBe("/a b");
    expect(percentDecodeOnce("/%252e")).toBe("/%2e");
    expect(percentDecodeOnce("/%2")).toBeUndefined();
    expect(percentDecodeOnce("/%g0")).toBeUndefined();
  });

  it("refuses '..', backslashes and NUL before touching the file system", () => {
    expect((safeRelativePath("/a/../b") as RequestRejection).status).toBe(403);
    expect((safeRelativePath("/a\\b") as RequestRejection).status).toBe(403);
    expect((safeRelativePath("/a\0b") as RequestRejection).status).toBe(404);
    expect(safeRelativePath("/a/./b//c")).toBe("a/b/c");
    expect(safeRelativePath("/")).toBe("");
  });

  it("refuses a symlink out of the docroot with 403", () => {
    const translator = new PathTranslator(context.root.docroot);
    expect((translator.translate("/escape.txt") as RequestRejection).status).toBe(403);
    expect((translator.translate("/escape-dir/secret.txt") as RequestRejection).status).toBe(403);
  });

  it("says clearly when the docroot does not exist or is a file", () => {
    expect(() => new PathTranslator(`${context.root.base}/missing`)).toThrow(/does not exist/);
    expect(() => new PathTranslator(`${context.root.base}/secret.txt`)).toThrow(/not a directory/);
  });
});
