/**
 * The shape of a flashlab command, and how a tree of them is dispatched.
 *
 * A `Command` declares its options (see `args.ts`) and a `run` function; a `CommandGroup` holds
 * subcommands (`flashlab sim toyshop`). `dispatch` walks the tree, prints generated help for
 * `--help`, and maps a `UsageError` to exit code 2 and any other failure to exit code 1.
 */
import { formatOptionsHelp, parseCommandLine, UsageError } from "./args.js";
import type { OptionSpecs, ParsedCommandLine, PositionalSpec } from "./args.js";
import { textTable } from "../viz/text-table.js";

/** Where a command writes; tests pass their own to capture output. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress bars show only then). */
  isTTY: boolean;
}

export interface Command<S extends OptionSpecs = OptionSpecs> {
  kind: "command";
  name: string;
  /** One line for the parent's help. */
  summary: string;
  /** Extra help text shown under the usage line. */
  details?: string;
  options: S;
  positional?: PositionalSpec;
  /** Returns the exit code (0 when omitted). */
  run(args: ParsedCommandLine<S>, io: CommandIO): Promise<number | void> | number | void;
}

export interface CommandGroup {
  kind: "group";
  name: string;
  summary: string;
  subcommands: Array<Command<any> | CommandGroup>;
}

/** Declares a command with its option types inferred from `options`. */
export function defineCommand<S extends OptionSpecs>(command: Omit<Command<S>, "kind">): Command<S> {
  return { kind: "command", ...command };
}

export function defineGroup(group: Omit<CommandGroup, "kind">): CommandGroup {
  return { kind: "group", ...group };
}

function usageLine(path: string[], command: Command<any>): string {
  const positional = command.positional;
  const positionalText = positional && positional.max > 0 ? ` ${positional.min > 0 ? positional.name : `[${positional.name}]`}` : "";
  return `usage: ${path.join(" ")}${positionalText}${Object.keys(command.options).length ? " [options]" : ""}`;
}

function commandHelp(path: string[], command: Command<any>): string {
  const parts = [usageLine(path, command), "", command.summary];
  if (command.details) parts.push("", command.details);
  if (Object.keys(command.options).length) parts.push("", "options:", formatOptionsHelp(command.options));
  return parts.join("\n") + "\n";
}

function groupHelp(path: string[], group: CommandGroup): string {
  const rows = textTable(
    group.subcommands.map((sub) => [sub.name, sub.summary]),
    { indent: "  ", align: ["left", "left"] },
  );
  return [
    `usage: ${path.join(" ")} <command> [options]`,
    "",
    group.summary,
    "",
    "commands:",
    rows,
    "",
    `Run \`${path.join(" ")} <command> --help\` for a command's options.`,
  ].join("\n") + "\n";
}

/** Runs the command that `argv` names under `root`; resolves to the process exit code. */
export async function dispatch(root: CommandGroup, argv: readonly string[], io: CommandIO): Promise<number> {
  const path = [root.name];
  let node: Command<any> | CommandGroup = root;
  let rest = [...argv];
  while (node.kind === "group") {
    const group: CommandGroup = node;
    const [word, ...tail] = rest;
    if (word === undefined || word === "--help" || word === "-h" || word === "help") {
      (word === undefined ? io.stderr : io.stdout)(groupHelp(path, group));
      return word === undefined ? 2 : 0;
    }
    const next = group.subcommands.find((sub) => sub.name === word);
    if (!next) {
      const names = group.subcommands.map((sub) => sub.name).join(", ");
      io.stderr(`${path.join(" ")}: unknown command "${word}"; accepted: ${names}\n`);
      return 2;
    }
    path.push(next.name);
    node = next;
    rest = tail;
  }
  const command: Command<any> = node;
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(commandHelp(path, command));
    return 0;
  }
  try {
    const parsed = parseCommandLine(command.options, rest, command.positional);
    const code = await command.run(parsed, io);
    return typeof code === "number" ? code : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${path.join(" ")}: ${error.message}\n${usageLine(path, command)}\nRun \`${path.join(" ")} --help\` for details.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${path.join(" ")}: ${message}\n`);
    return 1;
  }
}
