/**
 * Streams a Common Log Format file of any size (hundreds of MB are fine: it is read line by line,
 * never whole) and yields its entries, counting every line it could not use, by reason.
 *
 * Stray line breaks: real logs (the NASA 1995 traces among them) have lines split in two by a stray
 * line break. The reader looks one line ahead: when a line and the next one, joined with nothing
 * between them, parse as one entry while at least one of them does not parse alone, it joins them
 * (and counts it under `rejoinedLines`). This repairs breaks anywhere in a line: inside the host
 * ("in24.inetnebr." + "com - - [...]"), the timestamp, the request, or the size ("... 200 12" + "054").
 * A line broken into three or more pieces is not rebuilt whole: the first piece is counted as malformed
 * and the later pieces are joined with each other if they parse together. Two complete entries are
 * never glued together (the parser refuses a request field that holds a second timestamp).
 *
 * Skip reasons: `blank` (an empty line), `malformed` (not CLF), `bad-request` (CLF whose request field
 * is not "METHOD target [PROTOCOL]", e.g. "-"), and `truncated` (the last line of the file, when it does
 * not parse: the file was cut off). Every physical line is counted exactly once: in an entry
 * (joined pairs count two) or under one reason.
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { parseCommonLogLine } from "./clf-parse.js";
import type { CommonLogEntry, CommonLogParse } from "./clf-parse.js";

/** Counts kept while a log is read. */
export interface CommonLogReadStats {
  physicalLines: number;
  entries: number;
  rejoinedLines: number;
  skipped: { blank: number; malformed: number; "bad-request": number; truncated: number };
}

/** An entry with the (first) physical line number it came from, counting from 1. */
export interface NumberedCommonLogEntry extends CommonLogEntry {
  line: number;
}

/** Reads a CLF log as an async iterable of entries; `stats` is complete once iteration ends. */
export class CommonLogReader implements AsyncIterable<NumberedCommonLogEntry> {
  readonly stats: CommonLogReadStats = {
    physicalLines: 0,
    entries: 0,
    rejoinedLines: 0,
    skipped: { blank: 0, malformed: 0, "bad-request": 0, truncated: 0 },
  };

  /**
   * @param source a file path, or a readable stream of the log's text (UTF-8). A file that cannot be
   *   opened or read makes the iteration throw the file system's error.
   */
  constructor(private readonly source: string | Readable) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<NumberedCommonLogEntry> {
    const input = typeof this.source === "string" ? createReadStream(this.source, { encoding: "utf8" }) : this.source;
    const lines = createInterface({ input, crlfDelay: Infinity });
    const stats = this.stats;
    let pending: { text: string; parsed: CommonLogParse; line: number } | undefined;
    const entryOf = (parsed: CommonLogParse & { ok: true }, line: number): NumberedCommonLogEntry => {
      stats.entries++;
      return { ...parsed.entry, line };
    };
    const skip = (parsed: CommonLogParse & { ok: false }): void => {
      stats.skipped[parsed.problem]++;
    };
    try {
      for await (const text of lines) {
        stats.physicalLines++;
        const current = { text, parsed: parseCommonLogLine(text), line: stats.physicalLines };
        if (pending === undefined) {
          pending = current;
          continue;
        }
        const eitherFails = !pending.parsed.ok || !current.parsed.ok;
        const neitherBlank = !(pending.parsed.ok === false && pending.parsed.problem === "blank") && !(current.parsed.ok === false && current.parsed.problem === "blank");
        if (eitherFails && neitherBlank) {
          const joined = parseCommonLogLine(pending.text + current.text);
          if (joined.ok) {
            stats.rejoinedLines++;
            const entry = entryOf(joined, pending.line);
            pending = undefined;
            yield entry;
            continue;
          }
        }
        if (pending.parsed.ok) yield entryOf(pending.parsed, pending.line);
        else skip(pending.parsed);
        pending = current;
      }
      if (pending !== undefined) {
        if (pending.parsed.ok) yield entryOf(pending.parsed, pending.line);
        else if (pending.parsed.problem === "blank") stats.skipped.blank++;
        else stats.skipped.truncated++;
      }
    } finally {
      lines.close();
      if (typeof this.source === "string") input.destroy();
    }
  }
}
