/**
 * The trace files the workload tests read: the real NASA 1995 excerpt kept in datasets/traces, and
 * the crafted log of real-log quirks under test/fixtures/traces.
 */
import { resolve } from "node:path";
import { projectRoot } from "../../lib/runtime/paths.js";

export const nasaTracePath = resolve(projectRoot, "datasets/traces/NASA_access_log_Aug95_excerpt");

export const quirksTracePath = resolve(projectRoot, "test/fixtures/traces/quirks.access_log");
