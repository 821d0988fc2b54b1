/**
 * A signal that processes wait for: `yield signal` suspends a process until someone calls
 * `signal.fire(value)`, which wakes every process waiting at that moment, each receiving `value` as
 * the result of its `yield`. A signal can fire many times (a process that waits again waits for the
 * next firing), like a condition variable's broadcast; SimPy's one-shot `env.event()` is a signal
 * fired once. O(waiting processes) per firing.
 */
import type { Awaitable, SimProcess } from "./process.js";

export class Signal<T = void> implements Awaitable {
  private waiters: SimProcess[] = [];

  /** How many processes are waiting. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Wakes every waiting process with `value`; returns how many woke. */
  fire(value: T): number {
    const woken = this.waiters;
    this.waiters = [];
    for (const process of woken) process.resume(value);
    return woken.length;
  }

  awaitBy(process: SimProcess): boolean {
    this.waiters.push(process);
    return false;
  }

  abandonBy(process: SimProcess): void {
    const index = this.waiters.indexOf(process);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}
