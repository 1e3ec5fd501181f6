// Every shell script of the repository passes shellcheck (the node software itself is Python;
// its cloud-init runcmd is checked in test/cloud-init).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scripts = execFileSync('git', ['ls-files', '*.sh', '.ci/run'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

test('the repository has shell scripts to check', () => {
  expect(scripts).toEqual(expect.arrayContaining(['.ci/run', 'scripts/install-deps.sh', 'scripts/demo.sh']));
});

test.each(scripts)('shellcheck passes on %s', (script) => {
  const result = spawnSync('shellcheck', ['--shell=bash', script], { cwd: root, encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
});
