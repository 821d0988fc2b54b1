// The request timeline's Gantt chart: a row per request and per helper, steps in fixed colours over the
// client's waiting bar, and bars too short to see drawn wider while hovering tells their real times.
import { describe, expect, it } from "vitest";
import type { RequestTimeline } from "../../lib/experiments/request-timeline.js";
import { clientWaitGroup, requestTimelineFigure, requestTimelineTasks, stepColors } from "../../lib/viz/index.js";

const timeline: RequestTimeline = {
  arch: "amped",
  originMs: 1000,
  diskDescription: "simulated disk",
  requests: [
    { label: "C1", path: "/cold.bin", status: 200, bytes: 1200, startMs: 0, sentMs: 0.1, doneMs: 22 },
    { label: "C2", path: "/warm.bin", status: 200, bytes: 1200, startMs: 2, sentMs: 2.1, doneMs: 3 },
  ],
  steps: [
    { request: "C1", step: "parse", context: "event-loop", startMs: 0.5, endMs: 0.51 },
    { request: "C1", step: "read-file", context: "event-loop", startMs: 0.6, endMs: 21 },
    { request: "C1", step: "read-file", context: "helper 1", startMs: 0.7, endMs: 20.5 },
    { request: "C2", step: "send-data", context: "event-loop", startMs: 2.5, endMs: 2.6 },
  ],
};

describe("requestTimelineTasks", () => {
  it("puts the loop's steps in their request's row and a helper's reads in its own row, labelled with the request", () => {
    const tasks = requestTimelineTasks(timeline);
    expect(tasks.filter((task) => task.group === clientWaitGroup).map((task) => [task.lane, task.start, task.end])).toEqual([
      ["C1", 0, 22],
      ["C2", 2, 3],
    ]);
    const helper = tasks.find((task) => task.lane === "helper 1")!;
    expect(helper).toMatchObject({ group: "read-file", label: "C1", start: 0.7, end: 20.5 });
    expect(tasks.find((task) => task.lane === "C2" && task.group === "send-data")).toBeDefined();
  });

  it("draws a bar shorter than the minimum share that wide, and hovering gives its real duration", () => {
    const parse = requestTimelineTasks(timeline, { minBarShare: 0.01 }).find((task) => task.group === "parse")!;
    expect(parse.end - parse.start).toBeCloseTo(0.22, 6); // 1 % of the 22 ms shown
    expect(parse.hover).toMatch(/10 µs/);
    const long = requestTimelineTasks(timeline, { minBarShare: 0.01 }).find((task) => task.lane === "C1" && task.group === "read-file")!;
    expect(long.end).toBe(21);
  });

  it("leaves the client's bars out when asked", () => {
    expect(requestTimelineTasks(timeline, { clientWaits: false }).some((task) => task.group === clientWaitGroup)).toBe(false);
  });
});

describe("requestTimelineFigure", () => {
  it("gives each step its fixed colour, draws the client's bars first (underneath), and a row per lane", () => {
    const figure = requestTimelineFigure(timeline, { title: "AMPED" });
    expect(figure.data[0]).toMatchObject({ name: clientWaitGroup });
    const readFile = figure.data.find((trace) => trace.name === "read-file")!;
    expect(readFile.marker).toEqual({ color: stepColors["read-file"] });
    expect(figure.layout.yaxis).toMatchObject({ categoryarray: ["C1", "C2", "helper 1"] });
    expect(figure.layout.title).toEqual({ text: "AMPED" });
  });
});
