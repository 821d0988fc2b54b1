import { describe, expect, it } from "vitest";
import { parseCommonLogLine } from "../../lib/workloads/clf-parse.js";

const base = 'in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news/sts-68-mcc-05.txt HTTP/1.0" 200 1839';

function entryOf(line: string) {
  const parsed = parseCommonLogLine(line);
  if (!parsed.ok) throw new Error(`expected an entry, got ${parsed.problem}: ${parsed.detail}`);
  return parsed.entry;
}

function problemOf(line: string) {
  const parsed = parseCommonLogLine(line);
  return parsed.ok ? "ok" : parsed.problem;
}

describe("parseCommonLogLine", () => {
  it("parses a full CLF line, converting the time to UTC", () => {
    expect(entryOf(base)).toEqual({
      host: "in24.inetnebr.com",
      ident: "-",
      user: "-",
      timeMs: Date.UTC(1995, 7, 1, 4, 0, 1),
      method: "GET",
      target: "/shuttle/missions/sts-68/news/sts-68-mcc-05.txt",
      protocol: "HTTP/1.0",
      status: 200,
      bytes: 1839,
    });
    expect(entryOf(base.replace("-0400", "+0130")).timeMs).toBe(Date.UTC(1995, 6, 31, 22, 30, 1));
  });

  it("accepts a request without a protocol, '-' bytes, and 304 with 0 bytes", () => {
    const noVersion = entryOf('pipe1.nyc.pipeline.com - - [01/Aug/1995:00:12:37 -0400] "GET /history/apollo/apollo-13/apollo-13-patch-small.gif" 200 12859');
    expect(noVersion.protocol).toBeNull();
    expect(noVersion.target).toBe("/history/apollo/apollo-13/apollo-13-patch-small.gif");
    expect(entryOf('x - - [01/Aug/1995:01:04:54 -0400] "GET /history/history.htm HTTP/1.0" 404 -').bytes).toBeNull();
    const notModified = entryOf('uplherc.upl.com - - [01/Aug/1995:00:00:07 -0400] "GET / HTTP/1.0" 304 0');
    expect([notModified.status, notModified.bytes]).toEqual([304, 0]);
  });

  it("keeps odd targets as logged: spaces, fragments, queries, '..'", () => {
    expect(entryOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /my file.html HTTP/1.0" 200 1').target).toBe("/my file.html");
    expect(entryOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /a b c" 200 1')).toMatchObject({ target: "/a b c", protocol: null });
    expect(entryOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /p.html#sec HTTP/1.0" 200 1').target).toBe("/p.html#sec");
    expect(entryOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /cgi-bin/imagemap/countdown70?181,287 HTTP/1.0" 302 110').target).toBe("/cgi-bin/imagemap/countdown70?181,287");
    expect(entryOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /../../etc/passwd HTTP/1.0" 200 1').target).toBe("/../../etc/passwd");
  });

  it("accepts the Combined format's referer and agent, a trailing \\r and trailing spaces", () => {
    expect(entryOf(`${base} "http://ref/" "Mozilla/2.0"`).bytes).toBe(1839);
    expect(entryOf(`${base}\r`).bytes).toBe(1839);
    expect(entryOf(`${base}   `).bytes).toBe(1839);
  });

  it("reports blank, malformed and bad-request lines", () => {
    expect(problemOf("")).toBe("blank");
    expect(problemOf("   ")).toBe("blank");
    expect(problemOf("in24.inetnebr.")).toBe("malformed"); // the first piece of a split line
    expect(problemOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 30')).toBe("malformed"); // cut in the status
    expect(problemOf('h - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 12k')).toBe("malformed");
    expect(problemOf('h - - [32/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 1')).toBe("malformed");
    expect(problemOf('h - - [31/Feb/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 1')).toBe("malformed");
    expect(problemOf('h - - [01/Foo/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 1')).toBe("malformed");
    expect(problemOf('h - - [01/Aug/1995:25:00:01 -0400] "GET /x HTTP/1.0" 200 1')).toBe("malformed");
    expect(problemOf('h - - [01/Aug/1995:00:00:01 -0400] "-" 408 -')).toBe("bad-request");
    expect(problemOf('h - - [01/Aug/1995:00:00:01 -0400] "get /x HTTP/1.0" 200 1')).toBe("bad-request");
    expect(problemOf('h - - [01/Aug/1995:00:00:01 -0400] "GET" 400 -')).toBe("bad-request");
  });

  it("never throws, whatever the input", () => {
    for (const junk of ["\u0000\u0001", '"""', "[[[]]]", "x".repeat(100_000), '"GET / HTTP/1.0" 200 1', "\uFFFD\uFFFD"]) {
      expect(() => parseCommonLogLine(junk)).not.toThrow();
    }
  });
});

describe("parseCommonLogLine on two lines run together", () => {
  it("refuses a line that holds a second entry, so the reader never glues two entries into one", () => {
    const first = 'h13 - - [01/Aug/1995:00:00:13 -0400] "GET /x HTTP/1.0" 200 5';
    const second = 'h14 - - [01/Aug/1995:00:00:14 -0400] "-" 408 -';
    expect(problemOf(first + second)).toBe("malformed");
    expect(problemOf(first + " " + base)).toBe("malformed");
  });
});
