/**
 * The server architecture models (see DESIGN.md, "Simulator"): MP, MT, SPED, AMPED, AMTED, Zeus-like,
 * Apache-like and SPED with asynchronous reads, each a small dispatch over one pipeline model, on a
 * machine described by a hardware profile (cores, per-step CPU costs, context switches, memory, disk,
 * network), under closed- or open-loop clients.
 */
export { simulateServer } from "./simulate-server.js";
export type { ServerSimulationOptions, ServerSimulationResult } from "./simulate-server.js";
export { simArchitectureNames } from "./architecture-model.js";
export type { ArchitectureDispatch, ContextFootprint, SimArchitecture, SimArchitectureName, SimArchitectureOption } from "./architecture-model.js";
export { simArchitectures } from "./architectures/index.js";
export { checkHardwareProfile, HardwareProfileError, scaleCpuCosts, stepUs } from "./hardware.js";
export type { HardwareProfile, PerContextKind, ProfileSource, StepCost, StepCosts } from "./hardware.js";
export {
  builtinHardwareProfiles,
  calibratedProfileFile,
  calibrationClockMHz,
  describeHardwareProfile,
  hardwareProfile,
  paperTestbedProfile,
  readHardwareProfile,
  server2026Profile,
  thisMachineProfileFile,
} from "./profiles.js";
export type { BuiltinHardwareProfile } from "./profiles.js";
export { RequestStream, singleFileWorkload, surgeLikeWorkload, workloadFromGenerated } from "./server-workload.js";
export type { ServerWorkload } from "./server-workload.js";
export { CpuScheduler } from "./cpu-scheduler.js";
export type { CpuSchedulerOptions } from "./cpu-scheduler.js";
export { responseHeadBytes } from "./request-pipeline.js";
export type { ResponseTimeSummary } from "./response-times.js";
