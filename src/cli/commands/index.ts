// Every command of the CLI, in the order the help lists them. Adding a command group is one
// import and one spread here.
import type { CommandDefinition } from '../command.js';
import { agentCommands } from './agents.js';
import { clusterCommands } from './cluster.js';
import { demoCommands } from './demo.js';
import { logsCommands } from './logs.js';
import { proxyCommands } from './proxy.js';
import { renderCommands } from './render.js';
import { serviceCommands } from './services.js';
import { setupCommands } from './setup.js';

export const commands: readonly CommandDefinition[] = [...clusterCommands, ...serviceCommands, ...agentCommands, ...proxyCommands, ...logsCommands, ...demoCommands, ...renderCommands, ...setupCommands];
