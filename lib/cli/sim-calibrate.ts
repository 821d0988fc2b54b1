/**
 * `flashlab sim calibrate [--out FILE]`: runs the real servers briefly on this machine (about a minute),
 * fits a hardware profile for the architecture models (lib/experiments/calibration) and saves it as
 * JSON, by default as `datasets/results/hardware/NAME.json` (generated output, outside version control;
 * `--profile FILE` reads it). The committed `this-machine` profile is replaced only on purpose, with
 * `--out datasets/hardware/this-machine.json`. The profile records the command, date, machine and load
 * average of its calibration. Progress goes to stderr; stdout gets the fitted costs and each calibration
 * case simulated beside its measurement (`--json`: the profile itself). A loaded machine makes every cost
 * larger: the load average is printed and kept in the profile.
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { defineCommand } from "./command.js";
import type { CommandIO } from "./command.js";
import { echoArguments } from "./sim-common.js";
import { calibrateHardwareProfile, type CalibrationResult } from "../experiments/calibration/calibrate.js";
import { writeFileAtomic } from "../experiments/runner/atomic-file.js";
import { stringifyWithInfinity } from "../runtime/json-with-infinity.js";
import { pipelineSteps } from "../http/steps.js";
import { calibratedProfileFile } from "../sim/server-model/profiles.js";
import { UsageError } from "./args.js";
import { textTable } from "../viz/text-table.js";

const calibrateOptions = {
  out: { type: "string", valueName: "FILE", description: "where to save the profile (default: datasets/results/hardware/NAME.json)" },
  name: { type: "string", default: "this-machine", valueName: "NAME", description: "the profile's name: letters, digits, '.', '_' and '-'" },
  "warmup-s": { type: "number", min: 0, default: 1, valueName: "S", description: "seconds of warm-up load per calibration case and per V8 isolate its server runs" },
  "duration-s": { type: "number", min: 0, exclusiveMin: true, default: 1.5, valueName: "S", description: "seconds of measured load per calibration case" },
  json: { type: "boolean", description: "print the profile as JSON instead of the summary" },
} as const;

const figure = (value: number): string => String(Number(value.toPrecision(3)));

function calibrationText(result: CalibrationResult, file: string): string {
  const { profile } = result;
  const stepRows = pipelineSteps.map((step) => {
    const cost = profile.steps[step];
    return [step, figure(cost.us), cost.uncachedUs === undefined ? "" : figure(cost.uncachedUs), cost.perKBUs === undefined ? "" : figure(cost.perKBUs)];
  });
  const otherRows = [
    ["context switch: process, thread", `${figure(profile.contextSwitchUs.process)}, ${figure(profile.contextSwitchUs.thread)} µs`],
    ["  the switch probe alone: process, thread", result.switches.map((probe) => figure(probe.switchUs)).join(", ") + " µs"],
    ["message: process, thread", `${figure(profile.messageUs.process)}, ${figure(profile.messageUs.thread)} µs`],
    ["residency test", `${figure(profile.residencyCheckUs)} µs`],
    ["starting a context: process, thread", `${figure(profile.contextStartUs.process / 1000)}, ${figure(profile.contextStartUs.thread / 1000)} ms`],
    ["memory per context: process, thread", `${figure(profile.contextMemoryMB.process)}, ${figure(profile.contextMemoryMB.thread)} MB`],
    ["load generator per request, per KB", `${figure(profile.loadGenerator?.requestUs ?? 0)}, ${figure(profile.loadGenerator?.perKBUs ?? 0)} µs`],
  ];
  const checkRows = result.check.map((row) => [row.case, figure(row.measuredRps), figure(row.simulatedRps), `${((100 * row.simulatedRps) / row.measuredRps - 100).toFixed(0)} %`, figure(row.measuredServerUs), figure(row.simulatedServerUs)]);
  const load = profile.source.kind === "calibrated" ? profile.source.loadAverage : null;
  return [
    `CPU per step, µs (load average up to ${load ?? "unknown"} during the calibration)`,
    textTable(stepRows, { header: ["step", "cached", "uncached", "per KB"] }),
    "",
    textTable(otherRows),
    "",
    "each case simulated with the fitted profile",
    textTable(checkRows, { header: ["case", "measured req/s", "simulated req/s", "difference", "measured µs/req", "simulated µs/req"] }),
    "",
    `saved ${file}`,
    "",
  ].join("\n");
}

export const simCalibrateCommand = defineCommand({
  name: "calibrate",
  summary: "measure this machine with the real servers (about a minute) and save a hardware profile for the models",
  details: "Run it on a quiet machine (the load average is printed); then: flashlab sim server --arch sped --profile FILE",
  options: calibrateOptions,
  async run({ options }, io: CommandIO) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(options.name)) {
      throw new UsageError(`--name takes letters, digits, '.', '_' and '-' (it names the profile and its default file); got ${JSON.stringify(options.name)}`);
    }
    const file = resolve(options.out ?? calibratedProfileFile(options.name));
    const command = ["flashlab sim calibrate", ...(options.name === "this-machine" ? [] : [`--name ${options.name}`]), `--warmup-s ${options["warmup-s"]}`, `--duration-s ${options["duration-s"]}`].join(" ");
    io.stderr(`${echoArguments([["out", file], ["name", options.name], ["warmup-s", options["warmup-s"]], ["duration-s", options["duration-s"]]])}\n`);
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once("SIGINT", onSignal);
    try {
      const result = await calibrateHardwareProfile({
        name: options.name,
        command,
        warmupS: options["warmup-s"],
        durationS: options["duration-s"],
        signal: abort.signal,
        onLog: (line) => io.stderr(`${line}\n`),
      });
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, `${stringifyWithInfinity(result.profile, 2)}\n`);
      io.stdout(options.json ? `${stringifyWithInfinity(result.profile)}\n` : calibrationText(result, file));
    } finally {
      process.removeListener("SIGINT", onSignal);
    }
  },
});
