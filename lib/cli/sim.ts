/**
 * `flashlab sim`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const simCommands: Array<Command<any> | CommandGroup> = [];
