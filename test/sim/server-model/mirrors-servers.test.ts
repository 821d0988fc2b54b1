// Each architecture model mirrors its real counterpart in lib/servers: the same name, options, default
// number of contexts, accept policies (the default first) and place of Flash's caches. Both take them from
// lib/servers/declarations.ts; this test catches a model or a server that stops doing so.
import { describe, expect, it } from "vitest";
import { architectures } from "../../../lib/servers/registry.js";
import { architectureNames } from "../../../lib/servers/types.js";
import { simArchitectureNames, simArchitectures } from "../../../lib/sim/index.js";

describe("the models mirror lib/servers", () => {
  it("every real architecture has a model, and the only extra one is SPED with asynchronous reads", () => {
    expect(simArchitectureNames.filter((name) => !(architectureNames as readonly string[]).includes(name))).toEqual(["sped-async"]);
    for (const name of architectureNames) expect(simArchitectureNames).toContain(name);
  });

  it("declares what the real one declares", () => {
    for (const name of architectureNames) {
      const real = architectures[name];
      const model = simArchitectures[name];
      expect(model.name, name).toBe(real.name);
      expect(model.summary, name).toBe(real.summary);
      expect(model.defaultWorkers, name).toBe(real.defaultWorkers);
      expect([...model.acceptPolicies], name).toEqual([...real.acceptPolicies]);
      expect(model.cachesPer, name).toBe(real.cachesPer);
      expect([...model.options].sort(), name).toEqual([...real.options].sort());
    }
  });
});
