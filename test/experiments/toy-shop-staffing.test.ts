// The §26 staffing model: hand-computed timelines without jitter, the tool bound, uneven placement,
// seeded repeatability, and clear errors.
import { describe, expect, it } from "vitest";
import { simulateToyShopStaffing } from "../../lib/experiments/toy-shop-staffing.js";

describe("simulateToyShopStaffing", () => {
  it("builds a train in 4 × (15 + 25) = 160 ms, and 3 trains in 160 ms with one worker per area", () => {
    expect(simulateToyShopStaffing({ toy: "train", workers: 1, orders: 1, jitter: 0 }).totalMs).toBe(160);
    const three = simulateToyShopStaffing({ toy: "train", workers: 3, orders: 3, jitter: 0 });
    expect(three.totalMs).toBe(160);
    expect(three.toolUtilization).toEqual([60 / 160, 60 / 160, 60 / 160]);
  });

  it("makes two workers in one area wait for its tools (hand-computed timeline)", () => {
    // A: tools 0–15, hand 15–40, tools 40–55, hand 55–80, tools 80–95, hand 95–120, tools 120–135, hand 135–160.
    // B waits for the tools each time: tools 15–30, hand 30–55, tools 55–70, hand 70–95, tools 95–110,
    // hand 110–135, tools 135–150, hand 150–175.
    const day = simulateToyShopStaffing({ toy: "train", workers: 2, orders: 2, workAreas: 1, jitter: 0 });
    expect(day.totalMs).toBe(175);
    expect(day.meanCompletionMs).toBe(167.5);
  });

  it("is bound by the tools once an area has enough workers: 12 workers are no faster than 9 for trains", () => {
    const nine = simulateToyShopStaffing({ toy: "train", workers: 9, orders: 90, jitter: 0 });
    const twelve = simulateToyShopStaffing({ toy: "train", workers: 12, orders: 90, jitter: 0 });
    expect(nine.totalMs).toBeGreaterThanOrEqual((90 * 60) / 3);
    expect(twelve.totalMs).toBeGreaterThanOrEqual(nine.totalMs * 0.97);
    const six = simulateToyShopStaffing({ toy: "train", workers: 6, orders: 90, jitter: 0 });
    expect(six.totalMs).toBeGreaterThan(nine.totalMs * 1.2);
  });

  it("places workers on the areas in turn, unevenly when the count is not a multiple of 3", () => {
    expect(simulateToyShopStaffing({ toy: "blocks", workers: 4, orders: 8 }).workersPerArea).toEqual([2, 1, 1]);
    expect(simulateToyShopStaffing({ toy: "blocks", workers: 9, orders: 8 }).workersPerArea).toEqual([3, 3, 3]);
  });

  it("repeats a day exactly from its seed, and varies from day to day", () => {
    const options = { toy: "mixed", workers: 6, orders: 90 } as const;
    expect(simulateToyShopStaffing({ ...options, seed: 5 })).toEqual(simulateToyShopStaffing({ ...options, seed: 5 }));
    const totals = [1, 2, 3, 4].map((seed) => simulateToyShopStaffing({ ...options, seed }).totalMs);
    expect(new Set(totals).size).toBe(4);
    const mixed = simulateToyShopStaffing({ ...options, seed: 1 });
    expect(mixed.ordersByKind.blocks + mixed.ordersByKind.bear + mixed.ordersByKind.train).toBe(90);
    expect(Math.min(mixed.ordersByKind.blocks, mixed.ordersByKind.bear, mixed.ordersByKind.train)).toBeGreaterThan(15);
  });

  it("says what is wrong with bad options", () => {
    expect(() => simulateToyShopStaffing({ toy: "robot" as never, workers: 3, orders: 1 })).toThrow(/toy must be one of blocks, bear, train, mixed; got "robot"/);
    expect(() => simulateToyShopStaffing({ toy: "train", workers: 0, orders: 1 })).toThrow(/workers must be a whole number ≥ 1; got 0/);
    expect(() => simulateToyShopStaffing({ toy: "train", workers: 3, orders: 2.5 })).toThrow(/orders must be a whole number ≥ 1/);
    expect(() => simulateToyShopStaffing({ toy: "train", workers: 3, orders: 1, jitter: 1 })).toThrow(/jitter must be a number from 0 to 0.9/);
  });
});
