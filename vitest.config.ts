// vitest settings: tests live in test/, mirror lib/, and may start real servers on loopback.
//
// Two projects run one after the other (sequence.groupOrder): first the suite, its files two at a time;
// then, once every one of those has finished, the tests that measure this machine against the models and
// need it to themselves (the real servers pinned to one CPU, the load generator to the other).
import { defineConfig } from "vitest/config";

/** Test files that measure the machine: they run after the rest of the suite, alone. */
const aloneFiles = ["test/sim/model-validation.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: aloneFiles,
          // Two cores: timing-sensitive server tests must not fight each other for the CPU.
          maxWorkers: 2,
          // Servers in tests also start right after heavy traffic (thousands of client ports in TIME_WAIT).
          globalSetup: ["./test/support/heavy-traffic-setup.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "alone",
          include: aloneFiles,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
