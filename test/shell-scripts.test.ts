// Every shell script of the repository passes shellcheck (the node software itself is Python;
// its cloud-init runcmd is checked in test/cloud-init): bash scripts (*.sh, .ci/run) as bash,
// the test service's CGI scripts (*.cgi, run by busybox sh) as POSIX sh. The scripts are found by walking the
// tree, so that the check needs no git (a fresh machine, an unpacked tarball).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Folders that hold no script of the project's own. */
const notOurs = new Set(['node_modules', 'build', '.git', '.lab', 'out', 'coverage']);

function shellScripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return notOurs.has(entry.name) ? [] : shellScripts(path);
    const name = relative(root, path);
    return name.endsWith('.sh') || name.endsWith('.cgi') || name === join('.ci', 'run') ? [name] : [];
  });
}
const scripts = shellScripts(root).sort();

test('the repository has shell scripts to check', () => {
  expect(scripts).toEqual(
    expect.arrayContaining(['.ci/run', '.ci/fresh-root.sh', 'scripts/install-deps.sh', 'scripts/demo.sh', 'scripts/test.sh', 'test-service/www/cgi-bin/index.cgi']),
  );
});

test.each(scripts)('shellcheck passes on %s', (script) => {
  const result = spawnSync('shellcheck', [`--shell=${script.endsWith('.cgi') ? 'sh' : 'bash'}`, script], { cwd: root, encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
});
