/**
 * flashlab's public API: everything a notebook, a test or a user script imports from "flashlab".
 * Each area re-exports its own index; see DESIGN.md for the layout.
 */
export * from "./metrics/index.js";
export * from "./sim/index.js";
export * from "./viz/index.js";
export * from "./http/index.js";
export * from "./storage/index.js";
export * from "./servers/index.js";
export * from "./workloads/index.js";
export * from "./loadgen/index.js";
export * from "./peers/index.js";
export * from "./experiments/index.js";
export * from "./quizzes/index.js";
export * from "./grading/index.js";
export * from "./problems/index.js";
