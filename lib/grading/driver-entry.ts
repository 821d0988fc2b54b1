/**
 * The grading driver's process (see driver.ts): reads its request from argv[2] (JSON), writes its
 * report lines to stdout, and exits 1 with the reason on stderr if the assignment itself is broken.
 * It exits as soon as the report is complete (writes to a pipe are synchronous on Linux), whatever a
 * test may have left open; on SIGTERM it ends the submission's processes, then exits.
 */
import { runDriver, stopSubmission, type DriverRequest } from "./driver.js";

// Told to stop (the grading run's time limit): end the submission's processes first.
process.once("SIGTERM", () => void stopSubmission().finally(() => process.exit(1)));

const request = JSON.parse(process.argv[2] ?? "{}") as DriverRequest;
try {
  await runDriver(request, (line) => process.stdout.write(`${JSON.stringify(line)}\n`));
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
