/**
 * The performance-metrics quizzes (lecture §5–7, notebook 03). Their right answers depend on the
 * notebook's simulated runs, which the notebook passes in as the context.
 */
import type { VideoClientRun } from "../experiments/video-client.js";
import { percentile, slaViolationPct } from "../metrics/index.js";
import { defineQuiz } from "./quiz.js";

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

export const metricsQuizzes = {
  "sla-at-p95": defineQuiz<{ responseTimesMs: readonly number[] }>({
    section: "§6",
    question: "If the SLA limit is set exactly at this run's p95 response time, what percentage of its requests violate it?",
    key: () => ({ kind: "number", right: [5], tolerance: 0.5, unit: "%" }),
    explanation: ({ responseTimesMs }) => {
      const violated = slaViolationPct(responseTimesMs, percentile(responseTimesMs, 95));
      return (
        `95% of the requests take at most the p95, so about 5% take longer; computed on this run: ${violated.toFixed(2)}%. ` +
        'This is why operators state SLAs as percentiles: "p95 under 20 ms" and "at most 5% of requests over 20 ms" say the same thing.'
      );
    },
  }),

  "video-every-second": defineQuiz<{ alone: VideoClientRun; shared: VideoClientRun }>({
    section: "§6",
    question: "The video client asks for exactly 30 frames each second, and the shared server delivers every one. Does every second show 30 frames on time?",
    key: ({ shared }) => ({ kind: "boolean", right: shared.perceived === 1 }),
    explanation: ({ alone, shared }) =>
      `Sharing the server, ${percent(shared.perceived)} of the seconds showed all ${shared.framesPerS} frames on time, though only ` +
      `${percent(shared.lateShare)} of the frames were late and the mean rate was exactly ${shared.meanDeliveredPerS} frames/s. ` +
      "The client's requests are perfectly regular: a late frame waited at the server, queued behind other clients' large " +
      `downloads (head-of-line blocking in its one first-come-first-served queue). With the server to itself, ` +
      `${percent(alone.perceived)} of the seconds were on time. A mean rate hides the seconds that stutter; the ` +
      "client-perceived metric counts them.",
  }),
};
