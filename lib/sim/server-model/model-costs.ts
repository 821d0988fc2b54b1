/**
 * A hardware profile's CPU costs in the units the models run on: milliseconds per step, per chunk and
 * per byte, looked up once instead of per request.
 */
import type { HardwareProfile } from "./hardware.js";

const perKB = 1024;

/** CPU costs in ms (per byte where named so). */
export interface ModelCosts {
  accept: number;
  readRequest: number;
  parse: number;
  translatePath: { cached: number; uncached: number };
  computeHeader: { cached: number; uncached: number };
  sendHeader: number;
  /** A chunk from the data cache; `uncached`: through the disk's buffer cache (a hit there; a miss adds the disk's time). */
  readFile: { cached: number; uncached: number; perByte: number };
  sendData: { perChunk: number; perByte: number };
  message: { process: number; thread: number };
  residencyCheck: number;
  contextStart: { process: number; thread: number };
  loadGenerator: { request: number; perByte: number } | undefined;
}

export function modelCosts(profile: HardwareProfile): ModelCosts {
  const ms = (us: number): number => us / 1000;
  const { steps } = profile;
  const pair = (cost: { us: number; uncachedUs?: number }) => ({ cached: ms(cost.us), uncached: ms(cost.uncachedUs ?? cost.us) });
  return {
    accept: ms(steps.accept.us),
    readRequest: ms(steps["read-request"].us),
    parse: ms(steps.parse.us),
    translatePath: pair(steps["translate-path"]),
    computeHeader: pair(steps["compute-header"]),
    sendHeader: ms(steps["send-header"].us),
    readFile: { ...pair(steps["read-file"]), perByte: ms(steps["read-file"].perKBUs ?? 0) / perKB },
    sendData: { perChunk: ms(steps["send-data"].us), perByte: ms(steps["send-data"].perKBUs ?? 0) / perKB },
    message: { process: ms(profile.messageUs.process), thread: ms(profile.messageUs.thread) },
    residencyCheck: ms(profile.residencyCheckUs),
    contextStart: { process: ms(profile.contextStartUs.process), thread: ms(profile.contextStartUs.thread) },
    loadGenerator: profile.loadGenerator === undefined ? undefined : { request: ms(profile.loadGenerator.requestUs), perByte: ms(profile.loadGenerator.perKBUs) / perKB },
  };
}
