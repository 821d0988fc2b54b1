// The programs `npm run bench sim` compares flashlab with: they must compute the same model.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileMM1C, findSimpy, mm1SimpySource } from "../../lib/bench/sim-peers.js";
import { simulateMM1 } from "../../lib/sim/mm1.js";
import { havePeer } from "../support/tools.js";

const folder = mkdtempSync(join(tmpdir(), "flashlab-sim-peers-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the bench's M/M/1 peers", () => {
  const c = compileMM1C(folder);
  it.skipIf(!havePeer(c))("the C program draws the same numbers as flashlab and gets the same statistics", () => {
    const binary = (c as { binary: string }).binary;
    for (const [customers, rho, seed] of [[200_000, 0.9, 1], [50_000, 0.5, 77]] as const) {
      const fromC = JSON.parse(execFileSync(binary, [String(customers), String(rho), String(seed)], { encoding: "utf8" }));
      const ours = simulateMM1({ customers, rho, seed });
      expect(fromC.customers).toBe(customers);
      expect(fromC.events).toBe(ours.events);
      // Same draws and the same arithmetic: only the last bits of libm's exp/log in the rare slow path may differ.
      expect(Math.abs(fromC.meanResponse / ours.meanResponse - 1)).toBeLessThan(1e-9);
      expect(Math.abs(fromC.meanInSystem / ours.meanInSystem - 1)).toBeLessThan(1e-9);
      expect(Math.abs(fromC.utilization / ours.utilization - 1)).toBeLessThan(1e-9);
    }
    expect(() => execFileSync(binary, ["10", "1.5", "1"], { stdio: "pipe" })).toThrow();
  });

  const simpy = findSimpy();
  it.skipIf(!havePeer(simpy))("the SimPy program simulates the same queue (mean response near 1/(1 − ρ))", () => {
    const { python } = simpy as { python: string };
    // ρ = 0.5, 50,000 customers: theory 2; the spread over seeds is about 2%, so 10% is generous.
    const result = JSON.parse(execFileSync(python, [mm1SimpySource, "50000", "0.5", "3"], { encoding: "utf8" }));
    expect(result.customers).toBe(50_000);
    expect(Math.abs(result.meanResponse / 2 - 1)).toBeLessThan(0.1);
    expect(result.cpuMs).toBeGreaterThan(0);
  });
});
