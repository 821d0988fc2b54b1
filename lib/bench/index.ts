/**
 * `npm run bench [name…]`: runs the named benchmarks (all when none is named). Each benchmark
 * measures flashlab against a peer started in the same run and prints the ratios.
 */
type Benchmark = () => Promise<void>;

const benchmarks: Record<string, () => Promise<Benchmark>> = {
  servers: async () => (await import("./servers.js")).runServersBenchmark,
  loadgen: async () => (await import("./loadgen.js")).runLoadgenBenchmark,
  sim: async () => (await import("./sim.js")).runSimBenchmark,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")}; accepted: ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  const run = await benchmarks[name]!();
  console.log(`\n=== bench ${name} ===`);
  await run();
}
