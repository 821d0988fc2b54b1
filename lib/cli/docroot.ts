/**
 * `flashlab docroot`: (not yet wired).
 */
import type { Command, CommandGroup } from "./command.js";

export const docrootCommands: Array<Command<any> | CommandGroup> = [];
