import { describe, expect, it } from "vitest";
import { requestFailureKind, requestOriginMs, type RequestRecord } from "../../lib/metrics/index.js";

const ok: RequestRecord = { startMs: 0, endMs: 5, bytes: 100, status: 200 };

describe("requestFailureKind", () => {
  it("classifies success, client errors, missing status and HTTP error codes", () => {
    expect(requestFailureKind(ok)).toBeNull();
    expect(requestFailureKind({ ...ok, status: 304 })).toBeNull();
    expect(requestFailureKind({ ...ok, status: 0, error: "ECONNRESET" })).toBe("ECONNRESET");
    expect(requestFailureKind({ ...ok, error: "timeout" })).toBe("timeout");
    expect(requestFailureKind({ ...ok, status: 0 })).toBe("no status");
    expect(requestFailureKind({ ...ok, status: 404 })).toBe("status 404");
    expect(requestFailureKind({ ...ok, status: 503 })).toBe("status 503");
    expect(requestFailureKind({ ...ok, status: 42 })).toBe("status 42");
  });
});

describe("requestOriginMs", () => {
  it("is the intended send time when there is one, else the start", () => {
    expect(requestOriginMs(ok)).toBe(0);
    expect(requestOriginMs({ ...ok, startMs: 3, intendedMs: 1 })).toBe(1);
  });
});
