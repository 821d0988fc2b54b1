/**
 * `flashlab load`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const loadCommands: Array<Command<any> | CommandGroup> = [];
