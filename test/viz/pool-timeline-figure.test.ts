// The Apache-like pool over time: steps for processes, threads and busy threads, the load as a dashed step line.
import { describe, expect, it } from "vitest";
import { poolTimelineFigure } from "../../lib/viz/index.js";

describe("poolTimelineFigure", () => {
  it("draws the pool as steps and the clients of each phase, dropping to zero after the last", () => {
    const figure = poolTimelineFigure(
      {
        samples: [
          { atS: 0.5, processes: 1, startingProcesses: 1, threads: 4, busyThreads: 0 },
          { atS: 2.5, processes: 2, startingProcesses: 0, threads: 8, busyThreads: 6 },
        ],
        phases: [
          { label: "a", clients: 2, fromS: 1, toS: 2 },
          { label: "b", clients: 6, fromS: 2, toS: 3 },
        ],
        endS: 4,
      },
      "pool",
    );
    expect(figure.data.map((trace) => trace.name)).toEqual(["processes", "processes starting", "threads", "busy threads", "clients (the load)"]);
    expect(figure.data[0]).toMatchObject({ x: [0.5, 2.5], y: [1, 2], line: { shape: "hv" } });
    expect(figure.data[1]).toMatchObject({ y: [1, 0] });
    expect(figure.data[4]).toMatchObject({ x: [0, 1, 2, 2, 3, 3, 4], y: [0, 2, 2, 6, 6, 0, 0], line: { shape: "hv", dash: "dash" } });
  });
});
