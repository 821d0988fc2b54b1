/**
 * The architecture models against the real servers on the machine that runs the test: calibrate a profile
 * here (the real servers, briefly), then run the three validation scenarios real and simulated (cached:
 * the NASA trace in memory, six architectures; disk-bound: a SURGE-like set 8× the cache on a 10 ms disk
 * with one arm, four architectures; concurrency: MP with 1, 2, 4 and 8 processes on a disk that overlaps
 * misses). Every simulated throughput must be within ±25% of the measured one, and every pair of points the
 * measurement tells apart (more than 25% apart) must keep its order. About two minutes on a quiet 2-core
 * machine.
 *
 * The real side needs the machine to itself: on a developer's machine busy with other work (load average
 * above its CPUs) the test is skipped with a message, since the real servers would measure the other work;
 * under CI it always runs (CI machines are quiet).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calibrateHardwareProfile } from "../../lib/experiments/calibration/calibrate.js";
import { validateModels, validationTolerance, type ValidationResult } from "../../lib/experiments/model-validation.js";
import { stringifyWithInfinity } from "../../lib/runtime/json-with-infinity.js";

const onCI = process.env.CI === "true" || process.env.CI === "1";
const busy = loadavg()[0]! > availableParallelism();
if (busy && !onCI) console.warn(`skipping the model validation: the machine is busy (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs); the real servers would measure the other work`);

const folder = mkdtempSync(join(tmpdir(), "flashlab-model-validation-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function table(result: ValidationResult): string {
  const rows = result.rows.map(
    (row) => `${row.scenario.padEnd(12)} ${row.point.padEnd(36)} measured ${row.measuredRps.toFixed(0).padStart(6)}  simulated ${row.simulatedRps.toFixed(0).padStart(6)}  ${(100 * row.error).toFixed(0).padStart(4)} %  load ${row.loadAverage ?? "?"}`,
  );
  return [...rows, `load average before ${result.loadAverage.before}, after ${result.loadAverage.after}`].join("\n");
}

describe.skipIf(busy && !onCI)("the models against the real servers, on this machine", () => {
  it("after calibrating here: cached, disk-bound and concurrency scenarios within ±25%, in the same order", async () => {
    const calibration = await calibrateHardwareProfile({ warmupS: 0.3, durationS: 1 });
    const profileFile = join(folder, "profile.json");
    writeFileSync(profileFile, stringifyWithInfinity(calibration.profile));
    const result = await validateModels({ hardware: profileFile, out: join(folder, "runs") });
    const report = table(result);
    console.log(report);
    expect(result.rows.map((row) => row.scenario)).toEqual(expect.arrayContaining(["cached", "disk-bound", "concurrency"]));
    expect(result.rows.length).toBeGreaterThanOrEqual(14);
    for (const row of result.rows) expect(Math.abs(row.error), `${row.scenario} ${row.point}\n${report}`).toBeLessThanOrEqual(validationTolerance);
    expect(result.orderingProblems, report).toEqual([]);
  }, 300_000);
});
