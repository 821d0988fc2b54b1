/**
 * `flashlab workload`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const workloadCommands: Array<Command<any> | CommandGroup> = [];
