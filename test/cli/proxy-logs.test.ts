// `proxy` and `logs` on a REAL lab (1 master + 2 agents, dockerd per node, the master's real
// sshd with its pinned host key), run through the CLI's own main(): a request through a local
// tunnel reaches the replicated service behind the load balancer, Ctrl-C closes the tunnels,
// and `logs --node agents000001 --unit join` shows that node's join.
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { main } from '../../src/cli/main.js';
import { fetchOnce } from '../../src/operations/probe.js';
import { cli } from './run-cli.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';

const lab = `swproxy${process.pid % 1000}`;
const minutes = (count: number) => count * 60_000;
// Local ports: remote + offset (10080, 10081, 18000, 18080 by default); an offset of the test's own.
const offset = 31_000 + (process.pid % 1_000);

describe('proxy and logs on a real lab', () => {
  let root: string;

  beforeAll(async () => {
    // a lab root of its own: the machine's real labs (the default root) are never touched
    root = await useTemporaryLabRoot();
    const deployed = await cli('deploy-cluster', '--name', lab, '--masters', '1', '--agents', '2');
    expect(deployed.stderr).not.toContain('error:');
    expect(deployed.code).toBe(0);
    expect((await cli('deploy-replicated-service', '--name', lab, '--replicas', '2')).code).toBe(0);
  }, minutes(5));

  afterAll(async () => {
    await cli('destroy-cluster', '--name', lab);
    await rm(root, { recursive: true, force: true });
  }, minutes(2));

  it('tunnels a local port through master0 to the load balancer: a request reaches the service; Ctrl-C closes it', async () => {
    let stdout = '';
    let stderr = '';
    const running = main(['proxy', '--name', lab, '--offset', String(offset), '--json'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    });
    const local = `http://127.0.0.1:${80 + offset}/`;
    for (let waited = 0; !stderr.includes('tunnels open') && waited < 30_000; waited += 200) await sleep(200);
    expect(stderr).toContain('tunnels open; Ctrl-C stops them');

    const answer = await fetchOnce(local);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^node: agents00000[01]$/m);
    const monitor = await fetchOnce(`http://127.0.0.1:${8080 + offset}/`);
    expect(monitor.status).toBe(200);

    process.emit('SIGINT');
    expect(await running).toBe(0);
    expect(JSON.parse(stdout).result).toMatchObject({
      ended: 'SIGINT',
      tunnels: expect.arrayContaining([expect.objectContaining({ localPort: 80 + offset, port: 80, label: 'service port 80' })]),
    });
    await expect(fetch(local, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  }, minutes(2));

  it('shows agents000001\'s join', async () => {
    const { code, stdout, stderr } = await cli('logs', '--name', lab, '--node', 'agents000001', '--unit', 'join');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('join: joined as worker through master0');
    // master0's join log tells another story: it made the swarm, it joined no one.
    const master = await cli('logs', '--name', lab, '--node', 'master0', '--unit', 'join');
    expect(master.code).toBe(0);
    expect(master.stdout).not.toContain('joined as worker');
  });

  it('follows a log until Ctrl-C', async () => {
    let stdout = '';
    const running = main(['logs', '--name', lab, '--node', 'agents000000', '--unit', 'join', '--follow'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
    });
    for (let waited = 0; !stdout.includes('joined as worker') && waited < 10_000; waited += 100) await sleep(100);
    expect(stdout).toContain('join: joined as worker through master0');
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });

  it('names the node and the unit when they are not there', async () => {
    expect(await cli('logs', '--name', lab, '--node', 'agents000009')).toMatchObject({ code: 2, stderr: `error: node: must be a node of lab ${lab} (master0, agents000000, agents000001) (got "agents000009")\n` });
    expect(await cli('logs', '--name', lab, '--unit', 'kernel')).toMatchObject({ code: 2, stderr: 'error: invalid settings:\n  - unit: must be one of join, helper, events, health (got "kernel")\n' });
  });
});
