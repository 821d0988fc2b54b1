import { describe, expect, it } from "vitest";
import { assignStoredPaths, normaliseRequestTarget } from "../../lib/workloads/trace-paths.js";

describe("normaliseRequestTarget", () => {
  it("resolves dot segments without ever climbing above the root", () => {
    expect(normaliseRequestTarget("/../../etc/passwd")).toBe("/etc/passwd");
    expect(normaliseRequestTarget("/a/b/../c/./d.html")).toBe("/a/c/d.html");
    expect(normaliseRequestTarget("/a/%2E%2E/%2e%2e/%2E%2E/x")).toBe("/x");
    expect(normaliseRequestTarget("/a/..")).toBe("/");
    expect(normaliseRequestTarget("/a/b/..")).toBe("/a/");
  });

  it("drops fragments and duplicate slashes, keeps queries, decodes escapes, cuts absolute URLs", () => {
    expect(normaliseRequestTarget("/p.html#top")).toBe("/p.html");
    expect(normaliseRequestTarget("//a///b.gif")).toBe("/a/b.gif");
    expect(normaliseRequestTarget("/cgi?x=1&y=../z")).toBe("/cgi?x=1&y=../z");
    expect(normaliseRequestTarget("/%7Euser/a%20b.html")).toBe("/~user/a b.html");
    expect(normaliseRequestTarget("/bad%zzescape")).toBe("/bad%zzescape");
    expect(normaliseRequestTarget("http://www.nasa.gov/a.html")).toBe("/a.html");
    expect(normaliseRequestTarget("HTTP://host")).toBe("/");
  });

  it("refuses targets that are not paths", () => {
    expect(normaliseRequestTarget("foo")).toBeUndefined();
    expect(normaliseRequestTarget("*")).toBeUndefined();
    expect(normaliseRequestTarget("ftp://x/y")).toBeUndefined();
  });
});

describe("assignStoredPaths", () => {
  const safe = /^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;

  it("keeps plain paths and makes every other name safe, unique and inside the docroot", () => {
    const keys = ["/a.html", "/my file.html", "/cgi?x=1", "/cgi?x=2", "/", "/index.html", "/dir/", "/dir", "/.htaccess", "/etc/passwd", "/x\u0000y", `/${"n".repeat(300)}.txt`];
    const stored = assignStoredPaths(keys);
    expect(stored[0]).toBe("/a.html");
    expect(stored[4]).toBe("/index.html");
    expect(stored[5]).toBe("/index-2.html"); // the directory "/" took the name first
    expect(stored[6]).toBe("/dir/index.html");
    expect(stored[7]).toBe("/dir-file"); // "/dir" is a folder now
    expect(stored[9]).toBe("/etc/passwd");
    expect(new Set(stored).size).toBe(keys.length);
    for (const name of stored) {
      expect(name, name).toMatch(safe);
      expect(name.split("/").some((segment) => segment === "." || segment === "..")).toBe(false);
    }
    expect(stored[1]).toMatch(/^\/my_file-h[0-9a-f]{8}\.html$/);
    expect(stored[2]).not.toBe(stored[3]);
    expect(stored[8]).toMatch(/^\/_-h[0-9a-f]{8}\.htaccess$/); // no hidden file
    expect(stored[11]!.length).toBeLessThan(130);
    expect(stored[11]).toMatch(/\.txt$/); // a long name is cut but keeps its type
  });

  it("never names a file that another name needs as a folder", () => {
    const stored = assignStoredPaths(["/a", "/a/b", "/a/b/c", "/a-file"]);
    const files = new Set(stored);
    for (const name of stored) {
      for (let cut = name.indexOf("/", 1); cut > 0; cut = name.indexOf("/", cut + 1)) expect(files.has(name.slice(0, cut))).toBe(false);
    }
    expect(new Set(stored).size).toBe(4);
  });

  it("is deterministic", () => {
    const keys = ["/x y", "/q?1", "/dir/", "/dir"];
    expect(assignStoredPaths(keys)).toEqual(assignStoredPaths([...keys]));
  });
});
