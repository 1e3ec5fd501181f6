#!/usr/bin/env node
// Bundles every actions/<name>/ entry (compiled by tsc into build/) with @vercel/ncc into
// actions/<name>/dist/index.js, with dist/licenses.txt naming every npm package inside the
// bundle, its version, its licence and the licence's text. With --check, bundles into a
// temporary folder and fails when the committed dist/ differs from a fresh build (the
// check-dist rule of actions templates). Prints each bundle's size.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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
// `open` (and its xdg-open script) serves only @azure/identity's interactive browser sign-in, which
// no action uses. It is bundled all the same: an external of an ES module bundle becomes a static
// `import "open"` at the top of index.js, and on a runner, where the action has no node_modules,
// every action then failed to load. Bundled, it is a chunk of its own, loaded only by that flow.
// ncc's own --license lists only some packages (one, for these bundles): licenses.txt is written
// from the bundler's module list instead (bundledPackages below).
const nccOptions = [
  '--no-source-map-register', '--quiet', '--no-cache',
  '--external', 'cpu-features', '--external', './crypto/build/Release/sshcrypto.node',
];

/** The package folder (…/node_modules/<name> or …/node_modules/@scope/<name>) of a module path. */
function packageFolder(modulePath) {
  const parts = modulePath.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join(sep);
}

/** Every npm package whose code is in the bundle, from the webpack stats ncc wrote. */
function bundledPackages(statsFile) {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  const folders = new Set();
  const visit = (modules) => {
    for (const module of modules ?? []) {
      const path = module.nameForCondition ?? module.identifier ?? '';
      const folder = packageFolder(path.split('!').at(-1));
      if (folder !== undefined && existsSync(join(folder, 'package.json'))) folders.add(folder);
      visit(module.modules);
    }
  };
  visit(stats.modules);
  return [...folders].map((folder) => ({ folder, ...JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
  return file === undefined ? '(no licence file in the package)' : readFileSync(join(folder, file), 'utf8').trim();
}

/** licenses.txt: one section per bundled package, names and licences first for a quick read. */
function licensesText(packages) {
  const licence = (pkg) => (typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? 'UNKNOWN');
  const unique = packages.filter((pkg, index) => packages.findIndex((other) => other.name === pkg.name && other.version === pkg.version) === index);
  return [
    `This bundle contains ${unique.length} npm packages:`,
    ...unique.map((pkg) => `  ${pkg.name}@${pkg.version}  ${licence(pkg)}`),
    '',
    ...unique.flatMap((pkg) => [`${'-'.repeat(78)}`, `${pkg.name}@${pkg.version} (${licence(pkg)})`, '', licenceText(pkg.folder), '']),
  ].join('\n');
}

function folderSize(dir) {
  return listFiles(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/** Runs a command with this terminal's output; rejects when it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${signal ?? `exit ${code}`}`))));
  });
}

/** Bundles one action (into a temporary folder with --check); resolves to its size line and whether dist/ is stale. */
async function bundle(name) {
  const entry = join(root, 'build/actions', name, 'src/index.js');
  const committed = join(root, 'actions', name, 'dist');
  const out = check ? mkdtempSync(join(tmpdir(), `dist-${name}-`)) : committed;
  if (!check) rmSync(out, { recursive: true, force: true });
  const statsDir = mkdtempSync(join(tmpdir(), `stats-${name}-`));
  const statsFile = join(statsDir, 'stats.json');
  await run(process.execPath, [ncc, 'build', entry, '-o', out, '--stats-out', statsFile, ...nccOptions]);
  writeFileSync(join(out, 'licenses.txt'), licensesText(bundledPackages(statsFile)));
  rmSync(statsDir, { recursive: true, force: true });
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const size = `actions/${name}: dist ${kib(folderSize(out))} (index.js ${kib(statSync(join(out, 'index.js')).size)})`;
  let stale = false;
  if (check) {
    const fresh = listFiles(out);
    const have = listFiles(committed);
    stale =
      fresh.join('\n') !== have.join('\n') ||
      fresh.some((file) => !readFileSync(join(out, file)).equals(readFileSync(join(committed, file))));
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`${check ? 'checked' : 'bundled'} actions/${name}`);
  return { name, size, stale };
}

// The bundles are independent and each ncc is one busy process: as many at once as there are
// cores (the check is part of `npm test`, and CI's time counts).
const results = [];
const queue = [...actions];
await Promise.all(Array.from({ length: Math.min(availableParallelism(), actions.length) }, async () => {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.push(await bundle(name));
}));
results.sort((a, b) => actions.indexOf(a.name) - actions.indexOf(b.name));
const sizes = results.map((result) => result.size);
const stale = results.filter((result) => result.stale).map((result) => result.name);
console.log(sizes.join('\n'));
if (stale.length > 0) {
  console.error(`dist/ does not match a fresh build for: ${stale.join(', ')}. Run \`npm run bundle\` and commit.`);
  process.exit(1);
}
