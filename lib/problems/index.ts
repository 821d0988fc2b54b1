/**
 * problems: seeded self-check problems, posed as OSTEP's homework simulators pose them (a seed picks
 * the problem, its parameters are echoed, `--answers` adds the worked answers): the toy shop (§1–2),
 * latency hiding (§14) and request metrics (§5–7). `flashlab sim toyshop|latency-hiding|metrics
 * --random --seed S [--answers]` prints them.
 */
export type { SelfCheckProblem } from "./problem.js";
export { maxProblemSeed } from "./problem.js";
export { toyShopProblem, toyShopProblemParameters } from "./toy-shop-problem.js";
export { latencyHidingProblem } from "./latency-hiding-problem.js";
export { metricsProblem, metricsProblemRecords } from "./metrics-problem.js";
