// The connection's input buffer: zero-copy for one chunk, linear copying for many, correct views.
import { describe, expect, it } from "vitest";
import { InputBuffer } from "../../lib/http/input-buffer.js";

describe("InputBuffer", () => {
  it("hands back the first chunk itself", () => {
    const input = new InputBuffer();
    const chunk = Buffer.from("GET / HTTP/1.1\r\n\r\n");
    expect(input.append(chunk)).toBe(chunk);
  });

  it("appends byte by byte and consumes from the front", () => {
    const input = new InputBuffer();
    const text = "GET /a HTTP/1.1\r\n\r\nGET /b";
    let view: Buffer = Buffer.alloc(0);
    for (const char of text) view = input.append(Buffer.from(char));
    expect(view.toString()).toBe(text);
    const rest = input.consume(text.indexOf("GET /b"));
    expect(rest!.toString()).toBe("GET /b");
    expect(input.append(Buffer.from(" HTTP/1.1")).toString()).toBe("GET /b HTTP/1.1");
    expect(input.consume(100)).toBeNull();
    expect(input.empty).toBe(true);
  });

  it("keeps earlier views intact while appending", () => {
    const input = new InputBuffer();
    input.append(Buffer.from("abc"));
    const first = input.append(Buffer.from("def"));
    input.consume(2);
    input.append(Buffer.from("ghi"));
    expect(first.toString()).toBe("abcdef");
  });
});
