// Seeded self-check problems: the same seed gives the same problem, the worked answers agree with the
// closed forms and with lib/metrics, and the CLI poses them without answers unless asked.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { latencyHidingProblem, metricsProblem, metricsProblemRecords, toyShopProblem, toyShopProblemParameters } from "../../lib/problems/index.js";
import { compiledModule } from "../../lib/runtime/paths.js";
import { simulateLatencyHiding } from "../../lib/sim/latency-hiding.js";
import { simulateToyShop } from "../../lib/sim/toy-shop.js";

const seeds = Array.from({ length: 40 }, (_, index) => index + 1);

describe("toy-shop problems", () => {
  it("are fixed by their seed and vary between seeds", () => {
    expect(toyShopProblem(7)).toEqual(toyShopProblem(7));
    expect(new Set(seeds.map((seed) => JSON.stringify(toyShopProblemParameters(seed)))).size).toBeGreaterThan(30);
    expect(new Set(seeds.map((seed) => toyShopProblemParameters(seed).model))).toEqual(new Set(["boss-workers", "pipeline"]));
  });

  it("state the closed form, which agrees with the simulator", () => {
    for (const seed of seeds) {
      const { model, threads, orders, orderMs, bossMs, stageMs } = toyShopProblemParameters(seed);
      const simulated = simulateToyShop({ model, threads, orders, orderMs, ...(model === "pipeline" ? { stageMs } : { bossMs }) });
      if (model === "pipeline") expect(stageMs.reduce((sum, time) => sum + time, 0)).toBe(orderMs);
      const closedForm =
        model === "pipeline" ? orderMs + (orders - 1) * Math.max(...stageMs) : bossMs === 0 ? Math.ceil(orders / (threads - 1)) * orderMs : undefined;
      if (closedForm !== undefined) expect(simulated.totalMs).toBeCloseTo(closedForm, 9);
      const [total, mean] = toyShopProblem(seed).answers;
      expect(total).toContain(`Total: ${Math.round(simulated.totalMs * 100) / 100} ms.`);
      expect(mean).toContain(`= ${Math.round(simulated.meanCompletionMs * 100) / 100} ms.`);
    }
  });
});

describe("latency-hiding problems", () => {
  it("answer with the rule, and with totals that agree with the simulator and the closed forms", () => {
    const decisions = new Set<string>();
    for (const seed of seeds) {
      const problem = latencyHidingProblem(seed);
      const value = (name: string) => Number(problem.parameters.find(([key]) => key === name)![1]);
      const [computeMs, idleMs, ctxSwitchMs, requests] = ["compute-ms", "idle-ms", "ctx-switch-ms", "requests"].map(value) as [number, number, number, number];
      const comparison = simulateLatencyHiding({ computeMs, idleMs, ctxSwitchMs, requests });
      expect(comparison.noSwitch.totalMs).toBeCloseTo(requests * (computeMs + idleMs) + (requests - 1) * ctxSwitchMs, 9);
      if (computeMs / 2 > idleMs - ctxSwitchMs) {
        expect(comparison.switching.totalMs).toBeCloseTo(comparison.noSwitch.totalMs - (requests - 1) * (idleMs - 2 * ctxSwitchMs), 9);
      }
      const decision = idleMs > 2 * ctxSwitchMs ? "yes, switch" : "no, do not switch";
      decisions.add(decision);
      expect(problem.answers[0]).toContain(decision);
      expect(problem.answers[1]).toContain(`= ${Math.round(comparison.noSwitch.totalMs * 100) / 100} ms.`);
      expect(problem.answers[2]).toContain(`gives ${Math.round(comparison.switching.totalMs * 100) / 100} ms.`);
    }
    expect(decisions.size).toBe(2); // both answers come up
  });
});

describe("metrics problems", () => {
  it("give every figure of seed 7 as worked by hand", () => {
    // Seed 7's records: sent 0/15/40/60/80/115, last byte 59/40/56/82/130/128, 130,000 bytes in all.
    const records = metricsProblemRecords(7);
    expect(records.map((record) => [record.startMs, record.endMs])).toEqual([[0, 59], [15, 40], [40, 56], [60, 82], [80, 130], [115, 128]]);
    const answers = metricsProblem(7).answers;
    expect(answers[0]).toMatch(/= 46\.15 requests\/s\.$/); // 6 / 0.130 s
    expect(answers[1]).toMatch(/mean 30\.83 ms\.$/); // (59 + 25 + 16 + 22 + 50 + 13) / 6
    expect(answers[2]).toMatch(/: 54\.5 ms\.$/); // h = 4.5: 50 + 0.5 × (59 − 50)
    expect(answers[3]).toMatch(/mean 13\.17 ms\.$/); // (31 + 15 + 9 + 7 + 10 + 7) / 6
    expect(answers[4]).toMatch(/: 66\.67%\.$/); // 59, 25, 22 and 50 exceed 20 ms
    expect(answers[5]).toMatch(/: 1 MB\/s\.$/); // 130,000 bytes / 0.130 s
  });
});

describe("flashlab sim … --random", () => {
  const cli = compiledModule("cli");
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, "sim", ...args], { encoding: "utf8", timeout: 20_000 });

  it.each([["toyshop"], ["latency-hiding"], ["metrics"]])("%s: poses the problem without answers, and with --answers adds them", (model) => {
    const posed = run(model, "--random", "--seed", "7");
    expect(posed.status).toBe(0);
    expect(posed.stdout).toMatch(/^ARG seed 7\n/);
    expect(posed.stdout).not.toContain("Answers:");
    const answered = run(model, "--random", "--seed", "7", "--answers");
    expect(answered.status).toBe(0);
    expect(answered.stdout.startsWith(posed.stdout.split("Work them out")[0]!)).toBe(true);
    expect(answered.stdout).toContain("Answers:\n1. ");
    const json = JSON.parse(run(model, "--random", "--seed", "7", "--json").stdout) as { seed: number; answers?: unknown };
    expect(json.seed).toBe(7);
    expect(json.answers).toBeUndefined();
  });

  it.each([
    [["toyshop", "--answers"], /--answers goes with --random/],
    [["toyshop", "--random", "--threads", "3"], /--random poses its own problem from --seed; leave out --threads/],
    [["latency-hiding", "--random", "--idle-ms", "3"], /leave out --idle-ms/],
    [["metrics", "--seed", "3"], /poses random problems only: add --random/],
  ])("%j exits 2 with a clear message", (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
