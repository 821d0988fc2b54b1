import { describe, expect, it } from "vitest";
import { simulateVideoClient } from "../../lib/experiments/video-client.js";

const downloads = [
  { name: "page", share: 0.8, meanBytes: 4096 },
  { name: "download", share: 0.2, meanBytes: 256_000 },
];

describe("simulateVideoClient", () => {
  it("asks for exactly framesPerS evenly spaced frames each second", () => {
    const run = simulateVideoClient({ seconds: 4, framesPerS: 30 });
    expect(run.frames).toHaveLength(120);
    expect(run.meanDeliveredPerS).toBe(30);
    expect(run.deadlineMs).toBeCloseTo(1000 / 30, 12);
    run.frames.forEach((frame, index) => expect(frame.intendedMs).toBeCloseTo((index * 1000) / 30, 9));
  });

  it("is on time every second with the server to itself: a frame takes 1 ms + 50 000 B at 20 MB/s", () => {
    const run = simulateVideoClient({ seconds: 10 });
    for (const frame of run.frames) {
      expect(frame.firstByteMs).toBeCloseTo(frame.startMs, 9); // never waits
      expect(frame.endMs - frame.startMs).toBeCloseTo(3.5, 9);
    }
    expect(run.onTimeFramesPerSecond).toEqual(new Array(10).fill(30));
    expect(run.perceived).toBe(1);
    expect(run.lateShare).toBe(0);
    expect(run.offeredLoad).toBeCloseTo((30 * 3.5) / 1000 / 2, 12);
  });

  it("stutters when frames queue behind other clients' downloads, though its own stream is regular", () => {
    const run = simulateVideoClient({ seconds: 60, background: { arrivalRatePerS: 270, classes: downloads }, seed: 7 });
    const late = run.frames.filter((frame) => frame.endMs - frame.intendedMs! > run.deadlineMs);
    expect(late.length).toBeGreaterThan(0);
    expect(run.lateShare).toBeCloseTo(late.length / run.frames.length, 12);
    // Every late frame waited in the queue: its service alone (3.5 ms) fits the deadline many times.
    for (const frame of late) expect(frame.firstByteMs! - frame.startMs).toBeGreaterThan(run.deadlineMs - 3.5 - 1e-9);
    const stuttering = run.onTimeFramesPerSecond.filter((frames) => frames < 30).length;
    expect(stuttering).toBeGreaterThan(0);
    expect(run.perceived).toBeCloseTo(1 - stuttering / 60, 12);
    expect(run.onTimeFramesPerSecond.reduce((sum, frames) => sum + frames, 0)).toBe(run.frames.length - late.length);
  });

  it("rejects bad options with a message naming them", () => {
    expect(() => simulateVideoClient({ seconds: 0 })).toThrow(/seconds must be a whole number ≥ 1; got 0/);
    expect(() => simulateVideoClient({ seconds: 1, framesPerS: -1 })).toThrow(/framesPerS must be a finite number > 0/);
    expect(() => simulateVideoClient({ seconds: 1, background: { arrivalRatePerS: 0 } })).toThrow(/arrivalRatePerS/);
  });
});
