import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/runtime/random.js";
import { CommonLogReader } from "../../lib/workloads/clf-reader.js";
import type { NumberedCommonLogEntry } from "../../lib/workloads/clf-reader.js";
import { nasaTracePath, quirksTracePath } from "./nasa-trace.js";

async function readAll(source: string | Readable) {
  const reader = new CommonLogReader(source);
  const entries: NumberedCommonLogEntry[] = [];
  for await (const entry of reader) entries.push(entry);
  return { entries, stats: reader.stats };
}

const line = (n: number, target = `/f${n}.html`, tail = "200 100") => `h${n} - - [01/Aug/1995:00:00:${String(n).padStart(2, "0")} -0400] "GET ${target} HTTP/1.0" ${tail}`;

describe("CommonLogReader on crafted input", () => {
  it("rejoins a line split anywhere: host, timestamp, request, status, size", async () => {
    const whole = line(1);
    const cuts = [3, 20, 55, whole.length - 6, whole.length - 2];
    for (const cut of cuts) {
      const text = [line(0), whole.slice(0, cut), whole.slice(cut), line(2)].join("\n") + "\n";
      const { entries, stats } = await readAll(Readable.from([text]));
      expect(entries.map((entry) => entry.target), `cut at ${cut}`).toEqual(["/f0.html", "/f1.html", "/f2.html"]);
      expect(entries[1]!.bytes).toBe(100);
      expect(entries[1]!.line).toBe(2);
      expect(stats).toEqual({ physicalLines: 4, entries: 3, rejoinedLines: 1, skipped: { blank: 0, malformed: 0, "bad-request": 0, truncated: 0 } });
    }
  });

  it("counts a cut-off last line as truncated, with or without a final newline", async () => {
    for (const ending of ["", "\n"]) {
      const { entries, stats } = await readAll(Readable.from([`${line(1)}\n${line(2).slice(0, 30)}${ending}`]));
      expect(entries).toHaveLength(1);
      expect(stats.skipped.truncated).toBe(1);
    }
  });

  it("does not swallow a valid line after garbage, and handles CRLF", async () => {
    const { entries, stats } = await readAll(Readable.from([`garbage here\r\n${line(1)}\r\n\r\n${line(2)}\r\n`]));
    expect(entries.map((entry) => entry.target)).toEqual(["/f1.html", "/f2.html"]);
    expect(stats.skipped).toEqual({ blank: 1, malformed: 1, "bad-request": 0, truncated: 0 });
  });

  it("reads the quirks fixture with every line accounted for", async () => {
    const { entries, stats } = await readAll(quirksTracePath);
    // 25 physical lines (24 newline-terminated + a cut-off last line): 19 entries (two rebuilt from
    // split pairs, host16 and host17), a blank line, "garbage line here", the "-" request of host14,
    // and the truncated host21.
    expect(stats).toEqual({ physicalLines: 25, entries: 19, rejoinedLines: 2, skipped: { blank: 1, malformed: 1, "bad-request": 1, truncated: 1 } });
    expect(entries.find((entry) => entry.host === "host17")?.bytes).toBe(1234);
    expect(entries.find((entry) => entry.host === "host16")?.target).toBe("/split.html");
  });

  it("throws the file system's error for a missing file", async () => {
    await expect(readAll("/nonexistent/flashlab/trace.log")).rejects.toThrow(/ENOENT/);
  });
});

describe("CommonLogReader on the NASA Aug 1995 excerpt", () => {
  it("parses 1880 entries from 1930 lines: 49 split lines rebuilt, 1 truncated", async () => {
    const { entries, stats } = await readAll(nasaTracePath);
    /*
     * Derived independently of this reader, with grep and awk (T = the excerpt):
     * - `wc -l T` = 1930 physical lines (the file ends with "\n" after the cut-off "miriwo").
     * - A strict CLF pattern with an optional protocol,
     *   R='^[^ ]+ [^ ]+ [^ ]+ \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [-+][0-9]{4}\] "[A-Z]+ [^"]+" [0-9]{3} ([0-9]+|-)$',
     *   matches `grep -cE "$R" T` = 1841 lines; `grep -nvE "$R" T` lists the other 89.
     * - Of those 89: line 1930 is the truncated tail; 10 are pieces of a host name whose next line
     *   matches R by itself ("in24.inetnebr." + "com - - [...]"), and 78 form 39 consecutive pairs
     *   that each match R once joined (awk over the line numbers: a bad line followed by a good
     *   one → 10; a bad line followed by a bad one → 39 pairs).
     * - Entries = 1841 − 10 (second halves that only look whole) + 10 + 39 = 1880; rejoined = 49;
     *   1930 = 1880 + 49 + 1.
     * - Statuses on the joined lines (`awk '{print $(NF-1)}'`): 200 × 1717, 304 × 130 (129 plus one
     *   split as "30" / "4 0"), 302 × 27, 404 × 5, 403 × 1; every method is GET; bytes "-" on 7 lines
     *   (the 302, 403 and 404 ones: 1 + 1 + 5); 7 requests have no protocol (lines 432, 938, 943, 946–949).
     */
    expect(stats).toEqual({ physicalLines: 1930, entries: 1880, rejoinedLines: 49, skipped: { blank: 0, malformed: 0, "bad-request": 0, truncated: 1 } });
    const byStatus = new Map<number, number>();
    for (const entry of entries) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 200: 1717, 304: 130, 302: 27, 404: 5, 403: 1 });
    expect(entries.filter((entry) => entry.method !== "GET")).toHaveLength(0);
    expect(entries.filter((entry) => entry.bytes === null)).toHaveLength(7);
    expect(entries.filter((entry) => entry.protocol === null).map((entry) => entry.line)).toEqual([432, 938, 943, 946, 947, 948, 949]);
    expect(entries.every((entry) => entry.host.length > 3 && entry.target.startsWith("/"))).toBe(true);
  });
});

describe("CommonLogReader never loses a valid line", () => {
  it("rebuilds every randomly split line among blank and junk lines (seeded fuzz, 2000 lines)", async () => {
    const rng = createRng(99);
    const originals = Array.from({ length: 2000 }, (_, n) =>
      `host${n}.example.org - - [01/Aug/1995:${String(n % 24).padStart(2, "0")}:00:${String(n % 60).padStart(2, "0")} -0400] "GET /p/${n}/file ${n}.html${n % 3 === 0 ? "" : " HTTP/1.0"}" ${n % 5 === 0 ? 304 : 200} ${n % 7 === 0 ? "-" : n * 13}`,
    );
    const physical: string[] = [];
    let splits = 0;
    let junk = 0;
    let blanks = 0;
    for (const original of originals) {
      const roll = rng.next();
      if (roll < 0.1) {
        const cut = rng.integer(1, original.length - 1);
        physical.push(original.slice(0, cut), original.slice(cut));
        splits++;
      } else physical.push(original);
      const extra = rng.next();
      if (extra < 0.03) {
        physical.push("junk ### not a log line");
        junk++;
      } else if (extra < 0.05) {
        physical.push("");
        blanks++;
      }
    }
    const { entries, stats } = await readAll(Readable.from([physical.join("\n") + "\n"]));
    expect(splits).toBeGreaterThan(150);
    expect(stats).toEqual({ physicalLines: physical.length, entries: 2000, rejoinedLines: splits, skipped: { blank: blanks, malformed: junk, "bad-request": 0, truncated: 0 } });
    entries.forEach((entry, n) => {
      expect(entry.host).toBe(`host${n}.example.org`);
      expect(entry.target).toBe(`/p/${n}/file ${n}.html`);
      expect(entry.bytes).toBe(n % 7 === 0 ? null : n * 13);
    });
  });
});
