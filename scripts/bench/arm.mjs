// The actions against the HTTPS ARM stand-in, as the runner runs them (`node actions/<name>/dist/
// index.js` with INPUT_* variables): per action the ARM requests it made, its wall time, the CPU
// time of its own process (user + sys, /usr/bin/time: the time spent in its own code), and its
// cold start: from the spawn to the first request the stand-in saw. Long operations complete on
// their second poll, each after a Retry-After of 1 s, so the wall time holds those waits.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArmServer } from '../../build/test/support/arm-server/server.js';

const subscriptionId = '00000000-0000-0000-0000-00000000000a';

/** One action run: resolves with its exit code, wall ms, CPU ms and the spawn time. */
function runAction(name, inputs, env) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const usageFile = join(dir, 'usage');
  const childEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, RUNNER_TEMP: dir, GITHUB_REPOSITORY: 'octo/swarm', GITHUB_EVENT_NAME: 'workflow_dispatch',
    ...files, ...env,
    ...Object.fromEntries(Object.entries(inputs).map(([input, value]) => [`INPUT_${input.toUpperCase()}`, value])),
  };
  const spawnedAt = Date.now();
  const child = spawn('/usr/bin/time', ['-o', usageFile, '-f', '%U %S %M', 'node_modules/.bin/node', `actions/${name}/dist/index.js`], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => {
    const wallMs = Date.now() - spawnedAt;
    const [user, sys, maxKiB] = readFileSync(usageFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rmSync(dir, { recursive: true, force: true });
    resolve({ code, output, wallMs, cpuMs: Math.round((user + sys) * 1000), peakMiB: Math.round(maxKiB / 1024), spawnedAt });
  }));
}

/** Runs deploy, scale (3 -> 5 agents) and teardown `runs` times, each against a fresh stand-in. */
export async function armFigures(figures, runs, progress) {
  for (let run = 1; run <= runs; run += 1) {
    progress(`ARM actions, run ${run}/${runs} ...`);
    const server = await startArmServer({ polls: 1, retryAfterSeconds: 1 });
    try {
      const inputs = {
        'resource-group': 'swarm-bench', 'subscription-id': subscriptionId, 'tenant-id': '00000000-0000-0000-0000-00000000000b',
        'client-id': '00000000-0000-0000-0000-00000000000c', 'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url, 'wait-for-swarm': 'false',
      };
      const env = { NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url };
      const actions = [
        ['deploy', 'deploy-cluster', { location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '3' }],
        ['scale', 'scale', { operation: 'scale-agents', count: '5' }],
        ['teardown', 'teardown', {}],
      ];
      for (const [label, action, extra] of actions) {
        const before = server.log.length;
        const result = await runAction(action, { ...inputs, ...extra }, env);
        if (result.code !== 0) throw new Error(`${action} failed (exit ${result.code}):\n${result.output}`);
        const seen = server.log.slice(before);
        figures.add(`${label}: ARM requests`, server.armCalls().filter((call) => call.at >= result.spawnedAt).length);
        figures.add(`${label}: requests with token and polls`, seen.length);
        figures.add(`${label}: wall ms (1 s Retry-After per long operation poll included)`, result.wallMs);
        figures.add(`${label}: CPU ms of the action process (its own code)`, result.cpuMs);
        figures.add(`${label}: peak MiB of the action`, result.peakMiB);
        figures.add(`${label}: cold start ms (spawn to first request)`, seen[0].at - result.spawnedAt);
      }
    } finally {
      await server.close();
    }
  }
}
