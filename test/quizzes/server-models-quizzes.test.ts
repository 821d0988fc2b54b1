// The server-architecture quizzes follow the measurement a notebook passes, not a stored answer.
import { describe, expect, it } from "vitest";
import { checkQuiz } from "../../lib/quizzes/registry.js";
import { apacheProcessesNeeded } from "../../lib/quizzes/server-models-quizzes.js";

describe("the server-architecture quizzes", () => {
  it("take the memory winner, the helpers' gain and the best cache from what was measured", () => {
    expect(checkQuiz("mp-or-mt-memory", "MT", { mpPssMB: 150, mtPssMB: 190, contexts: 8 }).status).toBe("right");
    expect(checkQuiz("mp-or-mt-memory", "MP", { mpPssMB: 250, mtPssMB: 190, contexts: 8 }).status).toBe("right");
    expect(checkQuiz("helpers-one-arm", true, { oneHelperRps: 400, fourHelpersRps: 900 }).status).toBe("right");
    expect(checkQuiz("helpers-one-arm", false, { oneHelperRps: 400, fourHelpersRps: 590 }).status).toBe("right");
    expect(checkQuiz("largest-cache-saving", "data", { savedUs: { path: 3, header: 1, data: 40 } }).status).toBe("right");
    expect(checkQuiz("largest-cache-saving", "header", { savedUs: { path: -2, header: 9, data: 4 } }).message).toContain("header 9.0 µs");
  });

  it("size the Apache-like pool from its settings, capped at its maximum", () => {
    expect(apacheProcessesNeeded({ clients: 12, threadsPerProcess: 4, minSpareThreads: 2, maxProcesses: 4 })).toBe(4);
    expect(apacheProcessesNeeded({ clients: 5, threadsPerProcess: 4, minSpareThreads: 2, maxProcesses: 4 })).toBe(2);
    expect(apacheProcessesNeeded({ clients: 30, threadsPerProcess: 4, minSpareThreads: 2, maxProcesses: 4 })).toBe(4);
    expect(checkQuiz("apache-processes-needed", 2, { clients: 5, threadsPerProcess: 4, minSpareThreads: 2, maxProcesses: 4 }).status).toBe("right");
  });
});
