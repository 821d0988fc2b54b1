/**
 * The `flashlab` command-line entry point: dispatches to the command tree in `cli/registry.ts`
 * and exits with its code (0 success, 1 failure, 2 bad usage).
 */
import { dispatch } from "./cli/command.js";
import { flashlabCommands } from "./cli/registry.js";

const exitCode = await dispatch(flashlabCommands, process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = exitCode;
