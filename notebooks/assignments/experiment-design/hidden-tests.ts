// Hidden tests of the experiment-design assignment: the choice of set and the reasons against the
// others (§26), and the student's experiment and analysis on configurations, plans and deadlines the
// notebook does not show, judged against flashlab's toy-shop staffing simulator.
import { defineHiddenTests, expectClose, expectCloseArray, expectEqual, expectTrue, simulateToyShopStaffing } from "flashlab";
import type { ToyWorkload } from "flashlab";

type Configuration = { toy: ToyWorkload; workers: number };
type RunPlan = { orders: number; repetitions: number; firstSeed: number };
type ConfigurationResult = { toy: ToyWorkload; workers: number; totalsMs: number[]; meanTotalMs: number; worstTotalMs: number };

const lectureAnswer = 4;
const theTrainSet: Configuration[] = [3, 6, 9].map((workers) => ({ toy: "train", workers }));

function runReference(configurations: readonly Configuration[], plan: RunPlan): ConfigurationResult[] {
  return configurations.map(({ toy, workers }) => {
    const totalsMs = Array.from({ length: plan.repetitions }, (_, day) => simulateToyShopStaffing({ toy, workers, orders: plan.orders, seed: plan.firstSeed + day }).totalMs);
    return { toy, workers, totalsMs, meanTotalMs: totalsMs.reduce((sum, total) => sum + total, 0) / totalsMs.length, worstTotalMs: Math.max(...totalsMs) };
  });
}

function workersReference(results: readonly ConfigurationResult[], deadlineMs: number): number | null {
  const meeting = results.filter((result) => result.worstTotalMs <= deadlineMs).map((result) => result.workers);
  return meeting.length === 0 ? null : Math.min(...meeting);
}

const result = (workers: number, totalsMs: number[]): ConfigurationResult => ({
  toy: "train",
  workers,
  totalsMs,
  meanTotalMs: totalsMs.reduce((sum, total) => sum + total, 0) / totalsMs.length,
  worstTotalMs: Math.max(...totalsMs),
});

function reasonTest(set: 1 | 2 | 3, reason: string, why: string) {
  return {
    name: `why not set ${set}`,
    points: 1,
    async run({ submission }: { submission: { call(name: string): Promise<unknown> } }) {
      const reasons = (await submission.call("whyNotTheOthers")) as Record<string, unknown> | null;
      expectTrue(reasons !== null && typeof reasons === "object", `whyNotTheOthers() should return an object such as { 1: "a" }; got ${String(reasons)}`);
      expectTrue(reasons[set] === reason, `set ${set}: you chose ${JSON.stringify(reasons[set])}. Hint: ${why}`);
    },
  };
}

export default defineHiddenTests([
  {
    name: "the chosen experiment set",
    points: 3,
    async run({ submission }) {
      expectEqual("chosenExperimentSet()", await submission.call("chosenExperimentSet"), lectureAnswer);
    },
  },
  reasonTest(1, "b", "how are 4 or 5 workers spread over 3 work areas?"),
  reasonTest(2, "c", "what changes between its configurations besides the worker count?"),
  reasonTest(3, "a", "which day does a mix of toys stand for?"),
  {
    name: "runConfigurations on hidden configurations and plans",
    points: 3,
    async run({ submission }) {
      const cases: Array<{ configurations: Configuration[]; plan: RunPlan }> = [
        { configurations: theTrainSet, plan: { orders: 45, repetitions: 4, firstSeed: 11 } },
        { configurations: [{ toy: "bear", workers: 5 }, { toy: "mixed", workers: 2 }, { toy: "blocks", workers: 12 }], plan: { orders: 20, repetitions: 3, firstSeed: 900 } },
        { configurations: [{ toy: "train", workers: 1 }], plan: { orders: 7, repetitions: 1, firstSeed: 3 } },
      ];
      for (const { configurations, plan } of cases) {
        const label = `runConfigurations(${JSON.stringify(configurations)}, ${JSON.stringify(plan)})`;
        const got = await submission.call("runConfigurations", configurations, plan);
        const expected = runReference(configurations, plan);
        expectTrue(Array.isArray(got) && got.length === expected.length, `${label}: expected ${expected.length} results, got ${JSON.stringify(got)?.slice(0, 200)}`);
        expected.forEach((want, index) => {
          const have = (got as Array<Record<string, unknown>>)[index] ?? {};
          expectEqual(`${label}[${index}].toy`, have.toy, want.toy);
          expectEqual(`${label}[${index}].workers`, have.workers, want.workers);
          expectCloseArray(`${label}[${index}].totalsMs`, have.totalsMs, want.totalsMs);
          expectClose(`${label}[${index}].meanTotalMs`, have.meanTotalMs, want.meanTotalMs);
          expectClose(`${label}[${index}].worstTotalMs`, have.worstTotalMs, want.worstTotalMs);
        });
      }
    },
  },
  {
    name: "workersForWorstCase on hidden results: the fewest workers whose slowest day meets the deadline",
    points: 3,
    async run({ submission }) {
      const cases: Array<{ results: ConfigurationResult[]; deadlineMs: number }> = [
        { results: [result(3, [4800, 4830]), result(6, [2400, 2460]), result(9, [1820, 1850])], deadlineMs: 2500 },
        { results: [result(9, [1820, 1850]), result(3, [4800, 4830]), result(6, [2400, 2460])], deadlineMs: 2000 },
        { results: [result(6, [2400, 2600]), result(9, [1900, 1950]), result(12, [1880, 1990])], deadlineMs: 2450 },
        { results: [result(3, [4800]), result(6, [2400])], deadlineMs: 1000 },
        { results: [result(3, [900, 1000]), result(6, [400, 450])], deadlineMs: 1000 },
      ];
      for (const { results, deadlineMs } of cases) {
        const label = `workersForWorstCase(<${results.map((entry) => `${entry.workers} workers, worst day ${entry.worstTotalMs} ms`).join("; ")}>, ${deadlineMs})`;
        expectEqual(label, await submission.call("workersForWorstCase", results, deadlineMs), workersReference(results, deadlineMs));
      }
    },
  },
  {
    name: "the manager's answer: workers for 90 trains within 2 s",
    points: 3,
    async run({ submission }) {
      const expected = workersReference(runReference(theTrainSet, { orders: 90, repetitions: 5, firstSeed: 1 }), 2000);
      expectEqual("managerAnswer()", await submission.call("managerAnswer"), expected);
    },
  },
]);
