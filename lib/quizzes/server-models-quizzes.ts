/**
 * The quizzes of the server-architecture notebooks (lecture §9–19, notebooks 05–10): the lecture's own
 * models-and-memory quiz (§17), and questions whose answers the notebooks measure on this machine (MP or
 * MT memory, helpers on one disk arm, the cache that gains most) or compute from the settings they ran
 * (the Apache-like pool's size).
 */
import { switchingPays } from "../sim/index.js";
import { defineQuiz } from "./quiz.js";

const cacheNames = ["path", "header", "data"] as const;
type CacheName = (typeof cacheNames)[number];

/** The cache that saved its step the most time per request. */
function largestSaving(savedUs: Readonly<Record<CacheName, number>>): CacheName {
  return cacheNames.reduce((best, name) => (savedUs[name] > savedUs[best] ? name : best));
}

/** Processes an Apache-like pool needs so that `clients` busy threads leave `minSpareThreads` idle (at most `maxProcesses`). */
export function apacheProcessesNeeded(pool: { clients: number; threadsPerProcess: number; minSpareThreads: number; maxProcesses: number }): number {
  return Math.min(pool.maxProcesses, Math.ceil((pool.clients + pool.minSpareThreads) / pool.threadsPerProcess));
}

export const serverModelsQuizzes = {
  "mp-or-mt-memory": defineQuiz<{ mpPssMB: number; mtPssMB: number; contexts: number }>({
    section: "§9–11",
    question: "With the same number of execution contexts under the same load, which server's processes take more memory in all, counted fairly (PSS): MP or MT?",
    key: ({ mpPssMB, mtPssMB }) => ({ kind: "choice", choices: ["MP", "MT"], right: [mpPssMB >= mtPssMB ? "MP" : "MT"] }),
    explanation: ({ mpPssMB, mtPssMB, contexts }) =>
      `Measured here with ${contexts} contexts each: MP ${mpPssMB.toFixed(0)} MB, MT ${mtPssMB.toFixed(0)} MB (PSS of the whole process tree). ` +
      "Every MP process carries a whole runtime of its own (its heap, its code caches, its copy of Flash's caches); an MT thread adds " +
      "a stack and, in Node, a whole JavaScript isolate with its own heap, while the process around it is paid for once. So in Node a " +
      "thread saves less than a C thread did in 1999, and the two totals can be close. PSS divides the pages that processes share " +
      "(the node binary, libraries) among them, so it does not count them once per process as summed RSS does.",
  }),

  "readiness-scan-grows": defineQuiz({
    section: "§15",
    question: 'Which mechanisms cost more per call as the number of idle descriptors grows? List all that apply, from "select", "poll" and "epoll".',
    key: () => ({ kind: "choices", choices: ["select", "poll", "epoll"], right: ["select", "poll"] }),
    explanation: () =>
      "select and poll are handed the whole set on every call, and the kernel checks every descriptor in it to find the few that " +
      "are ready. epoll keeps the set in the kernel, registered once, and the kernel adds a descriptor to a ready list when an event " +
      "arrives, so a call returns the ready ones without looking at the idle ones. That is why servers with many idle connections use epoll " +
      "(or kqueue), and why Node's loop does.",
  }),

  "helper-instead-of-waiting": defineQuiz({
    section: "§14",
    question: "A disk read would keep the event loop waiting 10 ms; switching to another context costs 5 µs. Does it pay to hand the read to a helper and serve other requests meanwhile?",
    key: () => ({ kind: "boolean", right: switchingPays(10, 0.005) }),
    explanation: () =>
      "10 ms ≫ 2 × 5 µs: the wait is two thousand times the cost of leaving and coming back. A disk miss is exactly the long, " +
      "idle wait that latency hiding is for; a request whose data is in memory is not (its wait is near zero), which is why the loop " +
      "serves those itself.",
  }),

  "models-and-memory": defineQuiz({
    section: "§17",
    question: 'Of the "boss-workers", "pipeline" and "event-driven" models, which probably needs the least memory?',
    key: () => ({ kind: "choice", choices: ["boss-workers", "pipeline", "event-driven"], right: ["event-driven"] }),
    explanation: () =>
      "Boss/workers needs an execution context (a thread, with its stack and state) per request in progress, and a pipeline one per " +
      "stage or more. The event-driven model needs one context whatever the number of requests, with a little state per connection, " +
      "plus helpers only for the blocking I/O in flight at that moment, not for every request. The measurement below checks how much " +
      "this holds for flashlab's servers.",
  }),

  "helpers-one-arm": defineQuiz<{ oneHelperRps: number; fourHelpersRps: number }>({
    section: "§16",
    question: "On a disk with one arm, do 4 helpers serve the disk-bound mix at least 1.5 times as fast as 1 helper?",
    key: ({ oneHelperRps, fourHelpersRps }) => ({ kind: "boolean", right: fourHelpersRps >= 1.5 * oneHelperRps }),
    explanation: ({ oneHelperRps, fourHelpersRps }) =>
      `Measured here: ${oneHelperRps.toFixed(0)} requests/s with 1 helper, ${fourHelpersRps.toFixed(0)} with 4 (${(fourHelpersRps / oneHelperRps).toFixed(2)}×). ` +
      "A disk with one arm serves one miss at a time: a second helper can keep the arm busy while the first reports back to the loop, " +
      "but beyond that more helpers only queue at the arm, and the misses per second stay what the disk allows. Helpers buy " +
      "concurrency with the disk; they help as far as the disk can overlap reads (more arms, a RAID, an SSD's internal parallelism), " +
      "and beyond that they only cost memory.",
  }),

  "largest-cache-saving": defineQuiz<{ savedUs: Readonly<Record<CacheName, number>> }>({
    section: "§18",
    question: 'Switched on alone, which of Flash\'s caches saved the most time per request in this run: "path", "header" or "data"?',
    key: ({ savedUs }) => ({ kind: "choice", choices: cacheNames, right: [largestSaving(savedUs)] }),
    explanation: ({ savedUs }) =>
      `Measured here, time saved in the cache's own step, per request: path ${savedUs.path.toFixed(1)} µs (translate-path), header ` +
      `${savedUs.header.toFixed(1)} µs (compute-header), data ${savedUs.data.toFixed(1)} µs (read-file). ` +
      "In the paper (Fig. 11) the pathname cache gave the largest single gain: translating a URL took several system calls on 1999 " +
      "Unix. Here translating costs a realpath and a stat, and reading a small file an open, a read and a close, so the path and data " +
      "caches save about as much; building a header is mostly string work, cheap either way.",
  }),

  "apache-processes-needed": defineQuiz<{ clients: number; threadsPerProcess: number; minSpareThreads: number; maxProcesses: number }>({
    section: "§19",
    question: "Each keep-alive client holds a thread. How many processes does the pool need at the peak of the ramp, to keep its minimum of spare threads idle?",
    key: (pool) => ({ kind: "number", right: [apacheProcessesNeeded(pool)] }),
    explanation: (pool) =>
      `${pool.clients} busy threads plus ${pool.minSpareThreads} spare need ⌈(${pool.clients} + ${pool.minSpareThreads}) / ${pool.threadsPerProcess}⌉ ` +
      `processes of ${pool.threadsPerProcess} threads, capped at the maximum of ${pool.maxProcesses}: ${apacheProcessesNeeded(pool)}. ` +
      "A thread serving a keep-alive connection stays busy while the client thinks, which is why Apache's event MPM later gave idle " +
      "keep-alive connections to one listener thread.",
  }),
};
