/**
 * peers: the well-known tools flashlab is compared with. Parsers read wrk (text), ab (text) and
 * autocannon (JSON) results into flashlab's summary schema; runners start those tools (and flashlab's
 * own load generator) as child processes, pinned with taskset when asked; and a reusable nginx runner
 * provides the reference server.
 */
export {
  type PeerSummary,
  type PeerLatency,
  type PeerTool,
  PeerOutputError,
} from "./peer-summary.js";
export { parseWrkOutput, parseWrkTime, parseWrkSize, runWrk, findWrk, wrkSummaryScript, type WrkRunOptions } from "./wrk.js";
export { parseAbOutput, runAb, findAb, type AbRunOptions } from "./ab.js";
export { parseAutocannonJson, runAutocannon, findAutocannon, type AutocannonRunOptions } from "./autocannon.js";
export { runFlashlabLoad, peerSummaryFromFlashlabJson, type FlashlabLoadRunOptions } from "./flashlab-load.js";
export { startNginx, findNginx, nginxConfig, pickFreePort as pickFreeLoopbackPort, type NginxOptions, type RunningNginx } from "./nginx.js";
export { runTool as runPeerTool, withCpuPlacement, type ToolRun as PeerToolRun, type RunToolOptions as RunPeerToolOptions } from "./tool-process.js";
