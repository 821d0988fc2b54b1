/**
 * The lecture's claims checked on modelled sweeps of the built-in specs (the real runner, run folders
 * and summaries; each run's metrics chosen by the test): every claim holds on data shaped as the
 * lecture says, the claim that a model breaks fails and names itself, a level the run lacks is "not
 * measured" rather than holding, and the summary table is rebuilt with the lecture's rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLectureClaims, claimRows, lectureClaims, lectureSummaryConditions, lectureSummaryTable, type PointSettings } from "../../../lib/experiments/index.js";
import { modelledSweep } from "../../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-claims-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const out = () => join(root, `run-${++folders}`);

/** Requests per CPU-second as the lecture ranks them, with ±3% of noise that differs per block. */
const cachedCost: Record<string, number> = { sped: 5000, amped: 4800, zeus: 4000, mt: 2500, mp: 2000, apache: 700 };
const noise = (settings: PointSettings, rep: number) => 1 + 0.03 * Math.sin(rep * 7 + String(settings.arch ?? settings.caches).length);

describe("the lecture's claims on modelled sweeps", () => {
  it("hold on cached data shaped as the lecture says, and each comparison reports its ratio and bounds", async () => {
    // The busy machine halves everything in block 2: paired ratios do not notice.
    const result = await modelledSweep("cached-trace", "quick", out(), (settings, rep) => {
      const value = cachedCost[String(settings.arch)]! * noise(settings, rep) * (rep === 2 ? 0.5 : 1);
      return { requestsPerCpuSecond: value, throughputRps: value / 2 };
    }, 3);
    const outcomes = checkLectureClaims(result);
    expect(outcomes.map((outcome) => [outcome.claim.id, outcome.holds])).toEqual([
      ["cached-sped-vs-amped", true],
      ["cached-events-beat-threads", true],
      ["cached-apache-lowest", true],
    ]);
    const first = claimRows(outcomes)[0]!;
    expect(first).toMatchObject({ ratio: "AMPED (Flash) ÷ SPED", where: "workload=nasa-excerpt", blocks: 3, needs: "≥ 0.80 and ≤ 1.20", holds: "✔" });
    expect(first.measured).toBeCloseTo(0.96, 1);
  });

  it("fail, by name, when a model breaks them", async () => {
    const result = await modelledSweep("cached-trace", "quick", out(), (settings) => ({ requestsPerCpuSecond: { ...cachedCost, amped: 6500, mp: 4500 }[String(settings.arch)]! }));
    const failed = checkLectureClaims(result).filter((outcome) => outcome.holds === false);
    expect(failed.map((outcome) => outcome.claim.id)).toEqual(["cached-sped-vs-amped", "cached-events-beat-threads"]);
    const rows = claimRows(failed).filter((row) => row.holds === "✘");
    expect(rows.map((row) => row.ratio)).toEqual(["AMPED (Flash) ÷ SPED", "SPED ÷ MP"]);
  });

  it("report a comparison whose level the run lacks as not measured, never as holding", async () => {
    // The quick disk-bound profile has no Zeus-like or Apache-like; its claims name neither, but a
    // claim about the cached trace's Zeus-like would: check one on a sweep without it.
    const result = await modelledSweep("disk-bound-trace", "quick", out(), (settings) => ({ throughputRps: { sped: 200, amped: 1000, mt: 800, mp: 600 }[String(settings.arch)]! }));
    const outcomes = checkLectureClaims(result);
    expect(outcomes.map((outcome) => [outcome.claim.id, outcome.holds])).toEqual([
      ["disk-amped-beats-sped", true],
      ["disk-amped-vs-mt", true],
      ["disk-mt-beats-mp", true],
    ]);
    const apacheClaim = lectureClaims.find((claim) => claim.id === "cached-apache-lowest")!;
    const onDiskBound = checkLectureClaims({ ...result, plan: { ...result.plan, specName: "cached-trace" } });
    expect(onDiskBound.find((outcome) => outcome.claim === apacheClaim)!.holds).toBeNull();
  });

  it("check the size sweep at its smallest and largest data set only", async () => {
    const result = await modelledSweep("dataset-size", "full", out(), (settings) => {
      const size = Number(settings.datasetMB);
      const sped = size <= 32 ? 1000 : 1000 * (32 / size);
      const throughputRps = settings.arch === "amped" ? (size <= 32 ? 980 : 1000) : settings.arch === "sped" ? sped : 700;
      return { throughputRps, requestsPerCpuSecond: throughputRps * 1.25 };
    }, 1);
    const outcomes = checkLectureClaims(result);
    expect(outcomes.map((outcome) => [outcome.claim.id, outcome.holds, outcome.outcomes.map((one) => one.context.datasetMB)])).toEqual([
      ["size-alike-while-cached", true, [4]],
      ["size-amped-pulls-ahead", true, [128]],
    ]);
  });
});

describe("the lecture's summary table", () => {
  it("has the lecture's rows, ranks each measured condition and says which were not run", async () => {
    const cached = await modelledSweep("cached-trace", "quick", out(), (settings) => ({ requestsPerCpuSecond: cachedCost[String(settings.arch)]! }));
    const table = lectureSummaryTable({ "cached-trace": cached });
    expect(table.map((row) => row.condition)).toEqual(lectureSummaryConditions.map((condition) => condition.condition));
    const row = table.find((entry) => entry.condition.startsWith("data in cache"))!;
    expect(row.ranking).toBe("SPED 5,000 > AMPED (Flash) 4,800 > Zeus-like 4,000 > MT 2,500 > MP 2,000 > Apache-like 700 (req per CPU-s)");
    expect(row.claims).toBe("✔ 3 of 3 held");
    expect(row.measured).toBe("this run: cached-trace, workload = nasa-excerpt");
    expect(table.find((entry) => entry.condition.startsWith("disk-bound"))).toMatchObject({ measured: "disk-bound-trace: not run", ranking: "" });
  });
});
