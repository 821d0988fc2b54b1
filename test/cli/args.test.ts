import { describe, expect, it } from "vitest";
import { formatOptionsHelp, parseCommandLine, UsageError } from "../../lib/cli/args.js";
import { defineCommand, defineGroup, dispatch } from "../../lib/cli/command.js";

const specs = {
  threads: { type: "integer", description: "threads", default: 6, min: 2 },
  rate: { type: "number", description: "rate", min: 0, exclusiveMin: true },
  model: { type: "string", description: "model", choices: ["a", "b"], default: "a" },
  json: { type: "boolean", description: "json" },
} as const;

function usageMessage(argv: string[]): string {
  try {
    parseCommandLine(specs, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseCommandLine", () => {
  it("applies defaults and parses typed values", () => {
    const { options } = parseCommandLine(specs, ["--rate", "2.5", "--json"]);
    expect(options).toEqual({ threads: 6, rate: 2.5, model: "a", json: true });
  });

  it("explains what was wrong and what is accepted", () => {
    expect(usageMessage(["--bogus"])).toMatch(/unknown option --bogus; accepted: --threads, --rate, --model, --json/);
    expect(usageMessage(["--threads", "1"])).toBe("--threads takes a whole number ≥ 2; got 1");
    expect(usageMessage(["--threads", "2.5"])).toMatch(/whole number/);
    expect(usageMessage(["--threads", "x"])).toMatch(/got "x"/);
    expect(usageMessage(["--rate", "0"])).toBe("--rate takes a number > 0; got 0");
    expect(usageMessage(["--rate", "-3"])).toBe("--rate takes a number > 0; got -3");
    expect(usageMessage(["--model", "c"])).toBe('--model must be one of a, b; got "c"');
    expect(usageMessage(["--threads"])).toMatch(/--threads needs a value/);
    expect(usageMessage(["--json=yes"])).toMatch(/--json is a switch/);
    expect(usageMessage(["extra"])).toMatch(/unexpected argument: extra/);
  });

  it("checks positional arguments", () => {
    expect(parseCommandLine({}, ["http://x"], { name: "URL", min: 1, max: 1 }).positionals).toEqual(["http://x"]);
    expect(() => parseCommandLine({}, [], { name: "URL", min: 1, max: 1 })).toThrow(/missing URL/);
  });

  it("generates help from the same declarations", () => {
    const help = formatOptionsHelp(specs);
    expect(help).toMatch(/--threads N\s+threads \(≥ 2; default 6\)/);
    expect(help).toMatch(/--model TEXT\s+model \(one of a\|b; default a\)/);
  });
});

describe("dispatch", () => {
  const seen: unknown[] = [];
  const root = defineGroup({
    name: "tool",
    summary: "a tool",
    subcommands: [
      defineCommand({ name: "go", summary: "goes", options: specs, run: ({ options }) => void seen.push(options) }),
      defineCommand({ name: "fail", summary: "fails", options: {}, run: () => { throw new Error("broken"); } }),
    ],
  });
  const capture = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false } };
  };

  it("maps usage errors to exit 2, failures to 1 and success to 0", async () => {
    const ok = capture();
    expect(await dispatch(root, ["go", "--threads", "3"], ok.io)).toBe(0);
    expect(seen.at(-1)).toMatchObject({ threads: 3 });
    const bad = capture();
    expect(await dispatch(root, ["go", "--threads", "0"], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/tool go: --threads takes a whole number ≥ 2; got 0/);
    const unknown = capture();
    expect(await dispatch(root, ["nope"], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toMatch(/unknown command "nope"; accepted: go, fail/);
    const failing = capture();
    expect(await dispatch(root, ["fail"], failing.io)).toBe(1);
    expect(failing.out.stderr).toMatch(/tool fail: broken/);
  });

  it("prints help for groups and commands", async () => {
    const group = capture();
    expect(await dispatch(root, ["--help"], group.io)).toBe(0);
    expect(group.out.stdout).toMatch(/commands:\n\s+go\s+goes/);
    const command = capture();
    expect(await dispatch(root, ["go", "--help"], command.io)).toBe(0);
    expect(command.out.stdout).toMatch(/usage: tool go \[options\]/);
  });
});
