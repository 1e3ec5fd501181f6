#!/usr/bin/env node
// Thin launcher: the CLI is compiled by `npm run build` into build/.
import { main } from '../build/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
