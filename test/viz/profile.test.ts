// The notebook profile switch read from FLASHLAB_PROFILE.
import { describe, expect, it } from "vitest";
import { byProfile, notebookProfile } from "../../lib/viz/index.js";

describe("notebookProfile", () => {
  it("is quick unless FLASHLAB_PROFILE says full", () => {
    expect(notebookProfile({})).toBe("quick");
    expect(notebookProfile({ FLASHLAB_PROFILE: "" })).toBe("quick");
    expect(notebookProfile({ FLASHLAB_PROFILE: "full" })).toBe("full");
    expect(byProfile({ quick: 10, full: 1000 }, { FLASHLAB_PROFILE: "full" })).toBe(1000);
    expect(byProfile({ quick: 10, full: 1000 }, {})).toBe(10);
  });

  it("rejects any other value, naming the accepted ones", () => {
    expect(() => notebookProfile({ FLASHLAB_PROFILE: "fast" })).toThrow('FLASHLAB_PROFILE must be "quick" or "full"; got "fast"');
  });
});
