// The systemd stand-in with real processes: After= ordering on start and reversed on stop,
// ExecStop with MAINPID, oneshot + RemainAfterExit, Environment=, Restart= with the start limit.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseServiceUnit, parseTimeSpan, splitCommandLine } from '../../../src/providers/lab/supervisor/unit-file.js';
import { UnitRunner } from '../../../src/providers/lab/supervisor/unit-runner.js';

let dir: string;
let runner: UnitRunner | undefined;

beforeEach(async () => {
  dir = await mkdtemp('/tmp/azs-units-');
});

afterEach(async () => {
  await runner?.stopAll();
  await rm(dir, { recursive: true, force: true });
});

function newRunner(): UnitRunner {
  return new UnitRunner({ logDir: dir, env: { PATH: process.env.PATH }, onChange: () => undefined, log: () => undefined, maxStopSeconds: 5 });
}

const trace = () => readFile(join(dir, 'trace'), 'utf8').catch(() => '');

test('units start after what they are After=, stop before it, and ExecStop sees MAINPID', async () => {
  runner = newRunner();
  const out = join(dir, 'trace');
  runner.add(parseServiceUnit('web.service', `[Unit]\nAfter=base.service docker.service\n[Service]\nType=exec\nEnvironment="GREETING=hello there"\nExecStart=/bin/sh -c 'echo "web $GREETING" >> ${out}; exec sleep 60'\nExecStop=/bin/sh -c 'echo "web-stop $MAINPID" >> ${out}'\n`));
  runner.add(parseServiceUnit('base.service', `[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c 'sleep 0.3; echo base >> ${out}'\nExecStop=/bin/sh -c 'sleep 0.3; echo base-stop >> ${out}'\n`));
  await runner.start(['web.service', 'base.service']);
  const status = runner.status();
  expect(status['base.service'].state).toBe('active');
  expect(status['web.service']).toMatchObject({ state: 'active', pid: expect.any(Number) });
  const mainPid = status['web.service'].pid;
  await runner.stopAll();
  expect((await trace()).trim().split('\n')).toEqual(['base', 'web hello there', `web-stop ${mainPid}`, 'base-stop']);
  expect(runner.status()['web.service'].state).toBe('inactive');
}, 20_000);

test('LimitNOFILE= is the limit of open files the service runs with', async () => {
  runner = newRunner();
  const out = join(dir, 'trace');
  runner.add(parseServiceUnit('files.service', `[Service]\nType=oneshot\nLimitNOFILE=4321\nExecStart=/bin/sh -c 'ulimit -Sn >> ${out}; ulimit -Hn >> ${out}'\n`));
  await runner.start(['files.service']);
  expect((await trace()).trim().split('\n')).toEqual(['4321', '4321']);
  expect(() => parseServiceUnit('x.service', '[Service]\nExecStart=/bin/true\nLimitNOFILE=infinity\n')).toThrow(/LimitNOFILE=infinity is not supported/);
});

test('Restart=always restarts a dying service until the start limit marks it failed', async () => {
  runner = newRunner();
  runner.add(parseServiceUnit('flaky.service', `[Service]\nType=simple\nRestart=always\nRestartSec=100ms\nExecStart=/bin/sh -c 'echo run >> ${join(dir, 'trace')}; exit 3'\n`));
  await runner.start(['flaky.service']);
  for (let tries = 0; tries < 50 && runner.status()['flaky.service'].state !== 'failed'; tries++) await sleep(100);
  expect(runner.status()['flaky.service']).toMatchObject({ state: 'failed', restarts: 5 });
  expect((await trace()).trim().split('\n')).toHaveLength(5);
}, 20_000);

test('Type=exec with RemainAfterExit=yes stays active after a clean exit and runs ExecStop on stop (the join unit)', async () => {
  runner = newRunner();
  const out = join(dir, 'trace');
  runner.add(parseServiceUnit('join.service', `[Service]\nType=exec\nRemainAfterExit=yes\nRestart=on-failure\nExecStart=/bin/sh -c 'echo join >> ${out}'\nExecStop=/bin/sh -c 'echo leave >> ${out}'\n`));
  runner.add(parseServiceUnit('plain.service', `[Service]\nType=exec\nExecStart=/bin/true\nExecStop=/bin/sh -c 'echo plain-stop >> ${out}'\n`));
  await runner.start(['join.service', 'plain.service']);
  for (let tries = 0; tries < 50 && !(await trace()).includes('join'); tries++) await sleep(100);
  await sleep(200);
  expect(runner.status()['join.service']).toMatchObject({ state: 'active', restarts: 0 });
  expect(runner.status()['plain.service'].state).toBe('inactive');
  await runner.stopAll();
  expect((await trace()).trim().split('\n')).toEqual(['join', 'leave']);
}, 20_000);

test('Restart=on-failure does not restart a clean exit; a failed oneshot is failed', async () => {
  runner = newRunner();
  runner.add(parseServiceUnit('done.service', '[Service]\nRestart=on-failure\nExecStart=/bin/true\n'));
  runner.add(parseServiceUnit('broken.service', '[Service]\nType=oneshot\nExecStart=/bin/false\n'));
  await runner.start(['done.service', 'broken.service']);
  await sleep(300);
  expect(runner.status()['done.service']).toMatchObject({ state: 'inactive', restarts: 0 });
  expect(runner.status()['broken.service'].state).toBe('failed');
});

test('unit files: what the stand-in cannot honour is refused, naming the unit and the key', () => {
  expect(() => parseServiceUnit('x.service', '[Service]\nExecStart=/bin/true\nUser=nobody\n')).toThrow(/x\.service: User= is not supported/);
  expect(() => parseServiceUnit('x.service', '[Service]\nType=forking\nExecStart=/bin/true\n')).toThrow(/Type=forking is not supported/);
  expect(() => parseServiceUnit('x.service', '[Service]\nExecStart=true\n')).toThrow(/absolute path/);
  expect(parseTimeSpan('infinity')).toBe(Infinity);
  expect(parseTimeSpan('5min')).toBe(300);
  expect(parseTimeSpan('250ms')).toBe(0.25);
  expect(splitCommandLine(`/bin/sh -c 'a "b" c' "d e"`)).toEqual(['/bin/sh', '-c', 'a "b" c', 'd e']);
});
