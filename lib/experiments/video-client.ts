/**
 * Client-perceived performance (lecture §6) on the simulated server: a video client asks for one
 * frame every 1/fps seconds, like clockwork, never faster than a viewer can perceive. It shares the
 * server's one first-come-first-served queue with other clients, whose requests (the simulated
 * request mix, for example large downloads) arrive as a Poisson stream. A frame is on time when it
 * arrives within one frame interval of its request (a player that buffers one frame); a second in
 * which fewer than fps frames arrive on time stutters.
 *
 * The client's own stream is perfectly regular, so every shortfall comes from the server: a frame
 * that queues behind large responses (head-of-line blocking) arrives late. With the server to
 * itself, every second is on time.
 */
import { clientPerceivedPerformance, eventRatesPerInterval } from "../metrics/index.js";
import type { RequestRecord } from "../metrics/index.js";
import {
  drawPoissonJobs,
  resolveSimulatedRequestOptions,
  serveFirstComeFirstServed,
  simulatedMeanServiceMs,
  simulatedThreadNames,
} from "./simulated-requests.js";
import type { SimulatedJob, SimulatedRequestClass } from "./simulated-requests.js";

export interface VideoClientOptions {
  /** How long the video plays, in whole seconds (≥ 1). */
  seconds: number;
  /** Frames the client asks for per second, evenly spaced (default 30). */
  framesPerS?: number;
  /** Size of every frame in bytes (default 50 000). */
  frameBytes?: number;
  /** Other clients: a Poisson stream at this rate, of these classes (default mix of simulateRequests); none when absent. */
  background?: { arrivalRatePerS: number; classes?: readonly SimulatedRequestClass[] };
  /** Threads serving the one queue (default 2). */
  servers?: number;
  /** Seed of the background stream (default 1). */
  seed?: number;
}

export interface VideoClientRun {
  framesPerS: number;
  /** A frame is on time when it arrives within this long of its request: one frame interval. */
  deadlineMs: number;
  /** One record per frame, in request order (url "/frame"). */
  frames: RequestRecord[];
  /** Frames delivered, on time or late, per second of video: their mean is framesPerS. */
  meanDeliveredPerS: number;
  /** Frames of each second of the video (by when they were requested) that arrived on time. */
  onTimeFramesPerSecond: number[];
  /** Share of seconds (0–1) with at least framesPerS frames on time: client-perceived performance. */
  perceived: number;
  /** Share of frames that arrived late. */
  lateShare: number;
  /** Offered load of all requests, frames included: arrival rate × service time / servers. */
  offeredLoad: number;
}

function fail(message: string): never {
  throw new RangeError(`video client: ${message}`);
}

/** Plays the video against the simulated server and judges each second. Deterministic for a seed. */
export function simulateVideoClient(options: VideoClientOptions): VideoClientRun {
  const framesPerS = options.framesPerS ?? 30;
  const frameBytes = options.frameBytes ?? 50_000;
  const servers = options.servers ?? 2;
  if (!Number.isSafeInteger(options.seconds) || options.seconds < 1) fail(`seconds must be a whole number ≥ 1; got ${options.seconds}`);
  if (!Number.isFinite(framesPerS) || framesPerS <= 0) fail(`framesPerS must be a finite number > 0; got ${framesPerS}`);
  if (!Number.isFinite(frameBytes) || frameBytes < 1) fail(`frameBytes must be a finite number ≥ 1; got ${frameBytes}`);
  const videoMs = options.seconds * 1000;
  const intervalMs = 1000 / framesPerS;
  // The frame stream shares the server's cost model: overhead + bytes / transfer rate.
  const server = resolveSimulatedRequestOptions({
    // Enough arrivals to cover the whole video (a Poisson count rarely exceeds its mean by 20% + 20).
    requests: Math.ceil(1.2 * (options.background?.arrivalRatePerS ?? 1) * options.seconds) + 20,
    arrivalRatePerS: options.background?.arrivalRatePerS ?? 1,
    servers,
    ...(options.background?.classes ? { classes: options.background.classes } : {}),
    seed: options.seed ?? 1,
  });
  const frameServiceMs = server.overheadMs + frameBytes / server.transferBytesPerMs;
  const frameCount = Math.floor(options.seconds * framesPerS);
  const frames: SimulatedJob[] = Array.from({ length: frameCount }, (_, index) => ({
    index,
    arrivalMs: index * intervalMs,
    className: "frame",
    bytes: frameBytes,
    serviceMs: frameServiceMs,
    startMs: Number.NaN,
    endMs: Number.NaN,
    server: "",
  }));
  const background = options.background ? drawPoissonJobs(server).filter((job) => job.arrivalMs < videoMs) : [];
  serveFirstComeFirstServed([...frames, ...background], simulatedThreadNames(servers));

  const records: RequestRecord[] = frames.map((frame) => ({
    intendedMs: frame.arrivalMs,
    startMs: frame.arrivalMs,
    ...(frame.index === 0 ? { connectMs: frame.arrivalMs } : {}),
    firstByteMs: frame.startMs,
    endMs: frame.endMs,
    bytes: frame.bytes,
    status: 200,
    url: "/frame",
    clientId: 0,
  }));
  const onTime = frames.filter((frame) => frame.endMs - frame.arrivalMs <= intervalMs);
  // Each frame belongs to the second in which it is due, that is, in which it was requested.
  const window = { intervalMs: 1000, startMs: 0, endMs: videoMs };
  const onTimeTimes = onTime.map((frame) => frame.arrivalMs);
  const backgroundLoad = options.background ? options.background.arrivalRatePerS * simulatedMeanServiceMs(server) : 0;
  return {
    framesPerS,
    deadlineMs: intervalMs,
    frames: records,
    meanDeliveredPerS: frameCount / options.seconds,
    onTimeFramesPerSecond: eventRatesPerInterval(onTimeTimes, window),
    perceived: clientPerceivedPerformance(onTimeTimes, { ...window, minRatePerS: framesPerS }),
    lateShare: 1 - onTime.length / frameCount,
    offeredLoad: (backgroundLoad + framesPerS * frameServiceMs) / 1000 / servers,
  };
}
