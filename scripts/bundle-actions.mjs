#!/usr/bin/env node
// Bundles every actions/<name>/ entry (compiled by tsc into build/) with @vercel/ncc into
// actions/<name>/dist/index.js. With --check, bundles into a temporary folder and fails when
// the committed dist/ differs from a fresh build (the check-dist rule of actions templates).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const actions = readdirSync(join(root, 'actions')).filter((name) =>
  existsSync(join(root, 'actions', name, 'src/index.ts')),
);

function listFiles(dir) {
  // Files only: ncc emits folders too (native addons under build/, lib/).
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort()
    : [];
}

// ssh2's optional native addons (its crypto binding, cpu-features) exist only where npm ran their
// install scripts and a compiler succeeded; ncc would copy whatever the machine happens to have
// (even from its cache), so bundles differed between machines. Left external, ssh2 falls back to
// its pure JavaScript code in every bundle. No cache: the output depends on the sources alone.
const nccOptions = [
  '--no-source-map-register', '--quiet', '--license', 'licenses.txt', '--no-cache',
  '--external', 'cpu-features', '--external', './crypto/build/Release/sshcrypto.node',
];

let stale = [];
for (const name of actions) {
  const entry = join(root, 'build/actions', name, 'src/index.js');
  const committed = join(root, 'actions', name, 'dist');
  const out = check ? mkdtempSync(join(tmpdir(), `dist-${name}-`)) : committed;
  if (!check) rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, ...nccOptions], {
    stdio: 'inherit',
  });
  if (check) {
    const fresh = listFiles(out);
    const have = listFiles(committed);
    const differs =
      fresh.join('\n') !== have.join('\n') ||
      fresh.some((file) => !readFileSync(join(out, file)).equals(readFileSync(join(committed, file))));
    if (differs) stale.push(name);
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`${check ? 'checked' : 'bundled'} actions/${name}`);
}
if (stale.length > 0) {
  console.error(`dist/ does not match a fresh build for: ${stale.join(', ')}. Run \`npm run bundle\` and commit.`);
  process.exit(1);
}
