/**
 * sim: the discrete-event simulator and its models (see DESIGN.md): the engine (event queue, clock,
 * processes, resources, statistics, replications, with the seeded randomness of lib/runtime), queueing
 * models checked against theory (M/M/1, M/M/c, M/D/1, M/M/1/K, priorities), the toy shop
 * (boss/workers vs pipeline), latency hiding on one CPU, the toy-order streams the toy shop consumes, and
 * the models of the server architectures on a hardware profile (server-model/).
 */
export { createRng, replicationSeeds, streamLength } from "../runtime/random.js";
export type { Rng } from "../runtime/random.js";
export { exponentialZiggurat } from "../runtime/ziggurat.js";
export { DiscreteEventSimulator } from "./simulator.js";
export type { EventAction, EventHandle, SimulationAction, SimulationRunLimits } from "./simulator.js";
export { Interrupt, SimProcess, startProcess, timeout } from "./process.js";
export type { Awaitable, ProcessBody, ProcessStep, Timeout } from "./process.js";
export { Signal } from "./signal.js";
export { Preemption, ResourceRequest, Resource } from "./resource.js";
export type { QueueDiscipline, RequestState, ResourceOptions } from "./resource.js";
export { TimeWeighted } from "./time-weighted.js";
export { NumberQueue } from "./number-queue.js";
export { Tally } from "./tally.js";
export { replicate } from "./replications.js";
export type { ReplicationOptions, ReplicationSummary } from "./replications.js";
export {
  erlangC,
  md1MeanResponse,
  mg1MeanWait,
  mm1kSteadyState,
  mm1MeanResponse,
  mmcMeanResponse,
  mmcMeanWait,
  nonPreemptivePriorityWaits,
  preemptiveResumePriorityResponses,
} from "./queueing-theory.js";
export type { PriorityClass } from "./queueing-theory.js";
export { simulateMM1 } from "./mm1.js";
export type { MM1Options, MM1Result } from "./mm1.js";
export { simulateQueueingStation } from "./queueing-station.js";
export type { CustomerClass, CustomerClassResult, QueueingStationOptions, QueueingStationResult, ServiceTime } from "./queueing-station.js";
export { ServiceStation } from "./station.js";
export type { ServiceStationOptions, ServiceStationWork } from "./station.js";
export { simulateToyShop, toyShopModels } from "./toy-shop.js";
export type { ToyShopModel, ToyShopOptions, ToyShopOrderRecord, ToyShopResult, ToyShopSegment } from "./toy-shop.js";
export {
  latencyHidingBreakEvenMs,
  runLatencyHidingPolicy,
  simulateLatencyHiding,
  switchingPays,
} from "./latency-hiding.js";
export type {
  LatencyHidingCpuSegment,
  LatencyHidingComparison,
  LatencyHidingOptions,
  LatencyHidingPolicy,
  LatencyHidingRequestRecord,
  LatencyHidingRun,
} from "./latency-hiding.js";
export * from "./server-model/index.js";
export {
  defaultToyOrderMs,
  generateToyOrders,
  toyOrderArrivalPatterns,
  toyOrderWorkDistributions,
} from "../workloads/toy-orders.js";
export type {
  ToyOrder,
  ToyOrderArrivals,
  ToyOrderStreamOptions,
  ToyOrderWorkDistribution,
} from "../workloads/toy-orders.js";
