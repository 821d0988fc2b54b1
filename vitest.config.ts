// vitest settings: tests live in test/, mirror lib/, and may start real servers on loopback.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: timing-sensitive server tests must not fight each other for the CPU.
    maxWorkers: 2,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // Servers in tests also start right after heavy traffic (thousands of client ports in TIME_WAIT).
    globalSetup: ["./test/support/heavy-traffic-setup.ts"],
  },
});
