#!/usr/bin/env node
// Thin launcher: the CLI is compiled into build/ by `npm run build`, which `npm ci` / `npm install`
// run by themselves (the `prepare` script) in a fresh clone.
import { existsSync } from 'node:fs';

const entry = new URL('../build/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('error: the CLI is not built yet\nhint: run `npm ci` (it builds) or `npm run build` in the repository, then `npx azswarm`\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
