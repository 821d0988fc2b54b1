/**
 * Fixtures: harness code that runs in the submission's child process, beside the student's code, for
 * tests that need more than calling a function (a real server built around the student's dispatch).
 * A hidden test asks for one by name ("server.start"); the child finds it here and runs it with the
 * student's definitions. A fixture can report events to the driver while it runs.
 */

export interface FixtureContext {
  /** What the student's cells defined, by name. */
  answers: Record<string, unknown>;
  /** Sends an event to the driver (e.g. "a helper started reading /cold-0.bin"). */
  emit(name: string, data: unknown): void;
}

export type Fixture = (args: unknown, context: FixtureContext) => Promise<unknown>;

/** The fixture modules, by the part of a fixture's name before the dot; loaded only when a test asks. */
const fixtureModules: Record<string, () => Promise<Record<string, Fixture>>> = {
  calls: async () => (await import("./harness/call-fixtures.js")).callFixtures,
  server: async () => (await import("./harness/server-fixtures.js")).serverFixtures,
};

/** The fixture called `name` ("group.fixture"), or an error that lists what exists. */
export async function findFixture(name: string): Promise<Fixture> {
  const [group, fixture] = name.split(".", 2);
  const load = group === undefined ? undefined : fixtureModules[group];
  if (load === undefined || fixture === undefined) throw new Error(`no fixture "${name}"; fixture groups: ${Object.keys(fixtureModules).join(", ")}`);
  const found = (await load())[fixture];
  if (found === undefined) throw new Error(`no fixture "${name}" in the ${group} group`);
  return found;
}
