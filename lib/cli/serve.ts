/**
 * `flashlab serve`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const serveCommands: Array<Command<any> | CommandGroup> = [];
