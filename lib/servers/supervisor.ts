/**
 * The one supervisor of a server's execution contexts, of every kind: a group of contexts that run one
 * role (MP's workers, Zeus's event-loop processes, the threads of MT or of an Apache-like process,
 * AMPED/AMTED helpers, the Apache-like pool's processes). It starts them, replaces one that dies while
 * the group runs, asks them for reports, retires one gracefully, and stops them all. It keeps the counts
 * of every context that left the group (its final report when retired or stopped, its last checkpoint
 * when it died), so a server's stats account for every request it answered.
 */
import { StartSlots } from "../runtime/start-slots.js";
import type { DiskHandle } from "../storage/index.js";
import { ask } from "./channel.js";
import { forkContext, spawnThreadContext, waitForMessage, type ChildContext, type LaunchExtra } from "./context-launch.js";
import { describeUnresponsive, emptyContextReport, mergeReports, type ContextReport } from "./context-report.js";
import type { ContextReplies, ContextRequest, FromContext, ToContext } from "./messages.js";
import type { ServerConfig } from "./types.js";
import type { Socket } from "node:net";

/** A context as its supervisor sees it. */
export type SupervisedContext = ChildContext<ToContext, FromContext>;

/** One member of a group: its context, what the architecture keeps about it, and its latest counts. */
export interface Member<State> {
  readonly context: SupervisedContext;
  readonly state: State;
  /** The port it listens on (members that announce "listening"). */
  port?: number;
  /** Its counts as of its last checkpoint. */
  lastCheckpoint?: ContextReport;
  /** Announced that it can work. */
  started: boolean;
  /** Being retired or stopped on purpose: its exit is not a death. */
  leaving: boolean;
}

export interface GroupOptions<State> {
  /** The role every member runs (a name in the role registry). */
  role: string;
  kind: "process" | "thread";
  /** The role's name in the stats ("worker", "helper", …). */
  label: string;
  config: ServerConfig;
  disk: DiskHandle;
  /** The message a member sends once it can work. */
  startedBy: "ready" | "listening";
  /** What the architecture keeps about each member. */
  initialState(): State;
  /** Start a new member in place of one that died while the group runs. */
  replaceDead: boolean;
  /** A member (a first one, or one that replaced a dead one) announced `startedBy`. */
  onStarted?(member: Member<State>): void;
  /** Every other message a member sends (and the socket that came with it). */
  onEvent?(member: Member<State>, message: FromContext, socket?: Socket): void;
  /** A member exited, for whatever reason, and has left `members`. */
  onExit?(member: Member<State>): void;
}

/** Contexts that left a group, added up. */
class DepartedCounts {
  contexts = 0;
  private report = emptyContextReport();
  add(report: ContextReport | undefined, role: string, kind: "process" | "thread", pid: number): void {
    this.contexts++;
    const departed = report ?? { ...emptyContextReport(), contexts: [describeUnresponsive(kind, role, pid)] };
    const merged = mergeReports([this.report, departed]);
    // Keep the totals of every departed context but the identity of only the most recent ones.
    merged.contexts = merged.contexts.slice(-departedContextsKept).map((context) => ({ ...context, alive: false }));
    this.report = merged;
  }
  total(): ContextReport {
    return this.report;
  }
}

/** Departed contexts listed by identity in the stats (their counts are all kept). */
const departedContextsKept = 32;

/**
 * Members of one group starting at once. The rest wait their turn, so that a member's start timeout
 * measures its own start, not the 63 others sharing the server's CPU with it.
 */
const startsAtOnce = 4;

/** How long a member that does not answer a stats request is waited for. */
const statsTimeoutMs = 1500;

export class ContextGroup<State> {
  readonly members: Array<Member<State>> = [];
  /** Members started in place of dead ones. */
  replaced = 0;
  /** Members that exited without being asked to (killed, crashed). */
  died = 0;
  private stopping = false;
  private readonly departed = new DepartedCounts();
  /** Members being retired: out of `members`, not yet in `departed`; their last counts still count. */
  private readonly retiring = new Set<Member<State>>();
  private readonly startSlots = new StartSlots(startsAtOnce);

  constructor(private readonly options: GroupOptions<State>) {}

  /** Contexts that left the group (retired or dead); their counts are in `report()`. */
  get departedContexts(): number {
    return this.departed.contexts;
  }

  /**
   * Starts one member and resolves once it announced `startedBy` (rejects if it fails to start). At most
   * a few members of the group start at once; the others wait for a slot.
   */
  add(extra: LaunchExtra = {}): Promise<Member<State>> {
    return this.startSlots.run(() => this.launch(extra));
  }

  private async launch(extra: LaunchExtra): Promise<Member<State>> {
    if (this.stopping) throw new Error(`flashlab: a ${this.options.label} was not started: its group is stopping`);
    const { role, kind, config, disk } = this.options;
    const launch = { role, config, disk, extra: { label: this.options.label, ...extra } };
    const context: SupervisedContext = kind === "process" ? forkContext(launch) : spawnThreadContext(launch);
    const member: Member<State> = { context, state: this.options.initialState(), started: false, leaving: false };
    this.members.push(member);
    const startedAt = Date.now();
    context.channel.onMessage((message, socket) => {
      if (message.type === "checkpoint") member.lastCheckpoint = message.report;
      else if (message.type !== "reply" && message.type !== this.options.startedBy) this.options.onEvent?.(member, message, socket);
    });
    context.onExit(() => this.memberExited(member, extra, startedAt));
    try {
      const started = await waitForMessage(context, this.options.startedBy);
      if (started.type === "listening") member.port = started.port;
    } catch (error) {
      member.leaving = true;
      context.kill();
      throw error;
    }
    member.started = true;
    this.options.onStarted?.(member);
    return member;
  }

  /** Requests counted by the members' last checkpoints and by every context that left. */
  checkpointedRequests(): number {
    let requests = this.departed.total().counters.requests;
    for (const member of this.members) requests += member.lastCheckpoint?.counters.requests ?? 0;
    return requests;
  }

  /** Sends a message to every member. */
  broadcast(message: ToContext): void {
    for (const member of this.members) member.context.channel.post(message);
  }

  /** Asks one member; undefined when it is dead, silent for `timeoutMs`, or failed to answer. */
  ask<Kind extends ContextRequest["kind"]>(
    member: Member<State>,
    request: Extract<ContextRequest, { kind: Kind }>,
    timeoutMs: number,
  ): Promise<ContextReplies[Kind] | undefined> {
    if (member.context.exited) return Promise.resolve(undefined);
    return ask<ContextRequest, ContextReplies, Kind>(member.context.channel, request, timeoutMs);
  }

  /**
   * Every member's report plus the counts of every context that left. A member that does not answer is
   * reported as not alive, with the counts of its last checkpoint.
   */
  async report(): Promise<ContextReport> {
    const { label } = this.options;
    const asked = [...this.members];
    const reports = await Promise.all(
      asked.map(async (member) => {
        const answered = await this.ask(member, { kind: "stats" }, statsTimeoutMs);
        const report = answered ?? {
          ...(member.lastCheckpoint ?? emptyContextReport()),
          contexts: [describeUnresponsive(member.context.kind, label, member.context.pid)],
        };
        const requestsAtCheckpoint = member.lastCheckpoint?.counters.requests;
        if (requestsAtCheckpoint !== undefined) for (const context of report.contexts) context.requestsAtCheckpoint = requestsAtCheckpoint;
        return report;
      }),
    );
    // Members that were retired or died meanwhile are counted below, as retiring or departed, not twice.
    const live = reports.filter((_, index) => this.members.includes(asked[index]!));
    // A member being retired is not asked; until its final report lands, its last checkpoint counts.
    const retiring = [...this.retiring].map((member) => member.lastCheckpoint ?? emptyContextReport());
    return mergeReports([...live, ...retiring, this.departed.total()]);
  }

  /** Stops one member gracefully (it finishes what it received within `graceMs`); its counts are kept. */
  async retire(member: Member<State>, graceMs: number): Promise<void> {
    if (member.leaving) return;
    member.leaving = true;
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.retiring.add(member);
    const final = await this.ask(member, { kind: "stop", graceMs }, graceMs + 2000);
    this.retiring.delete(member);
    this.departed.add(final ?? member.lastCheckpoint, this.options.label, member.context.kind, member.context.pid);
    await member.context.waitForExit(1000);
  }

  /** Stops every member gracefully; none is replaced from now on. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.members].map((member) => this.retire(member, graceMs)));
  }

  private memberExited(member: Member<State>, extra: LaunchExtra, startedAt: number): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    if (member.leaving || !member.started) {
      // Retired or stopped on purpose (its counts are kept already), or never started (add() rejects).
      this.options.onExit?.(member);
      return;
    }
    this.died++;
    this.departed.add(member.lastCheckpoint, this.options.label, member.context.kind, member.context.pid);
    this.options.onExit?.(member);
    if (!this.options.replaceDead || this.stopping) return;
    // A context that died within its first second (a broken install, say) is replaced only after 500 ms,
    // never in a tight loop.
    setTimeout(() => {
      if (this.stopping) return;
      this.replaced++;
      this.add(extra).catch((error: Error) => console.error(`flashlab: could not replace a ${this.options.label}: ${error.message}`));
    }, Date.now() - startedAt < 1000 ? 500 : 0).unref();
  }
}
