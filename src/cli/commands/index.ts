// Every command of the CLI, in the order the help lists them. Adding a command group is one
// import and one spread here.
import type { CommandDefinition } from '../command.js';
import { renderCommands } from './render.js';

export const commands: readonly CommandDefinition[] = [...renderCommands];
