/**
 * `flashlab report`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const reportCommands: Array<Command<any> | CommandGroup> = [];
