/**
 * sim: the discrete-event simulator and its models (see DESIGN.md): the engine (event queue,
 * seeded randomness), the toy shop (boss/workers vs pipeline), latency hiding on one CPU, and the
 * toy-order streams the toy shop consumes.
 */
export { createRng } from "../runtime/random.js";
export type { Rng } from "../runtime/random.js";
export { EventQueue } from "./event-queue.js";
export type { QueuedEvent } from "./event-queue.js";
export { DiscreteEventSimulator } from "./simulator.js";
export type { SimulationRunLimits, ScheduledAction, SimulationAction } from "./simulator.js";
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
