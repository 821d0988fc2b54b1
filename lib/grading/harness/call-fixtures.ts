/**
 * Fixtures about how a student's function treats its arguments, which only the submission's own
 * process can see (arguments reach it as copies):
 *
 *   calls.inputUnchanged  { name, args } → { value, unchanged }  calls answer `name` with `args`, and says
 *                                                                whether every argument was left as it was
 */
import type { Fixture } from "../fixture.js";

export const callFixtures: Record<string, Fixture> = {
  async inputUnchanged(args, context) {
    const { name, args: callArgs } = args as { name: string; args: unknown[] };
    const target = context.answers[name];
    if (typeof target !== "function") throw new Error(`${name} is not defined by your cells`);
    const before = JSON.stringify(callArgs);
    const value: unknown = await (target as (...values: unknown[]) => unknown)(...callArgs);
    return { value, unchanged: JSON.stringify(callArgs) === before };
  },
};
