// The operations end to end on a REAL lab (1 master + 2 agents, dockerd per node, the masters'
// real sshd): node states, each node's own containerd, where tasks run, an HTTP answer from every node of the global
// service (the test service built from test-service/: node, container, /healthz/), the stack's counter across web task restarts, removed nodes gone after scale-in,
// agents rejoining after reimage and restart, the user's docker CLI through `env`, and nothing
// of the lab left on the machine after destroy.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { silentReporter } from '../../src/core/reporter.js';
import { parseClusterSettings } from '../../src/core/validate.js';
import { chaosMonkey, reimageAgents, scaleAgents } from '../../src/operations/agents.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { waitForServices } from '../../src/operations/convergence.js';
import { listNodes } from '../../src/operations/nodes.js';
import { fetchOnce, nodesAnswering } from '../../src/operations/probe.js';
import {
  counterAcrossRestarts,
  deployGlobalService,
  deployReplicatedService,
  deployStack,
  scaleService,
  type ServiceContext,
} from '../../src/operations/services.js';
import { serviceNames } from '../../src/operations/service-flavours.js';
import { providerFor } from '../../src/providers/index.js';
import { labImagesKey, labWebImage } from '../../src/providers/lab/images.js';
import { nodeContainerdSocket } from '../../src/providers/lab/host/node-containerd.js';
import { nodeExec } from '../../src/providers/lab/host/node-host.js';
import { labDir, readLabState } from '../../src/providers/lab/state.js';
import type { Cluster } from '../../src/core/cluster.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { dockerEnv } from '../../src/swarm/docker-env.js';
import { SshSession } from '../../src/swarm/ssh-session.js';
import { SwarmClient } from '../../src/swarm/swarm-client.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';
import { longestServiceShortfallMs, observeStrength } from '../support/strength-observer.js';

const run = promisify(execFile);
const labName = `swops${process.pid % 1000}`;
const provider = providerFor('lab');
const minutes = (count: number) => count * 60_000;

function labTraces(): string[] {
  const text = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
  return [
    ...text('ip', ['netns', 'list']).split('\n').filter((line) => line.includes(`azs-${labName}-`)).map((line) => `netns ${line}`),
    ...text('ip', ['-o', 'link']).split('\n').filter((line) => line.includes(labName.slice(0, 8))).map((line) => `link ${line}`),
    ...readFileSync('/proc/mounts', 'utf8').split('\n').filter((line) => line.includes(labDir(labName))).map((line) => `mount ${line}`),
    ...text('ps', ['-eo', 'pid,args']).split('\n').filter((line) => line.includes(`${labDir(labName)}/`)).map((line) => `process ${line}`),
  ];
}

describe('operations on a real lab swarm', () => {
  let cluster: Cluster;
  let session: SshSession;
  let services: ServiceContext;

  let root: string;

  beforeAll(async () => {
    // a lab root of its own: the machine's real labs (the default root) are never touched
    root = await useTemporaryLabRoot();
    const settings = parseClusterSettings(
      { 'resource-group': labName, 'master-count': '1', 'agent-count': '2', 'ssh-public-key': generateSshKeyPair('test').publicKey },
      'lab',
    );
    cluster = (await deployCluster(provider, settings, silentReporter, { waitForSwarm: true, timeoutMs: minutes(2) })).cluster;
    session = await SshSession.open(cluster.info.ssh, silentReporter);
    services = { info: cluster.info, swarm: new SwarmClient(session), reporter: silentReporter, convergence: { stableMs: 2_000, timeoutMs: minutes(2) } };
  }, minutes(4));

  afterAll(async () => {
    session?.close();
    await provider.destroy(labName, silentReporter);
    expect(labTraces()).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  }, minutes(2));

  it('has every node Ready: master0 leads, the agents are named like scale set VMs', async () => {
    const nodes = await listNodes(services.swarm);
    expect(nodes.map((node) => [node.role, node.status, node.availability])).toEqual([
      ['manager', 'ready', 'active'],
      ['worker', 'ready', 'active'],
      ['worker', 'ready', 'active'],
    ]);
    expect(nodes[0]).toMatchObject({ hostname: 'master0', leader: true });
    const agents = await cluster.listAgents();
    expect(nodes.slice(1).map((node) => node.hostname).sort()).toEqual(agents.map((agent) => agent.name).sort());
    for (const agent of agents) expect(agent.name).toMatch(/^agents[0-9a-z]{6}$/);
  });

  it('runs each node\'s own containerd with the GC scheduler on its fixed 1 s look (not dockerd\'s settings)', async () => {
    const state = (await readLabState(labDir(labName)))!;
    for (const node of state.nodes) {
      const scheduler = await nodeExec(node.host!, ['ctr', '--address', nodeContainerdSocket, 'plugins', 'ls', '--detailed', 'id==scheduler']);
      // the containerd that dockerd starts itself exports 0.02
      expect({ node: node.name, pauseThreshold: /PauseThreshold\s+(\S+)/.exec(scheduler.stdout)?.[1] }).toEqual({ node: node.name, pauseThreshold: '0' });
    }
  });

  it('runs the global service on every node, and every node answers HTTP', async () => {
    const outcome = await deployGlobalService(services);
    const nodes = (await listNodes(services.swarm)).map((node) => node.hostname).sort();
    expect(Object.keys(outcome.placement).sort()).toEqual(nodes);
    expect(Object.values(outcome.placement)).toEqual([1, 1, 1]);
    // Straight to each task's host port: the node itself answers with its own name.
    const addresses = new Map((await listNodes(services.swarm)).map((node) => [node.hostname, node.address]));
    for (const task of await services.swarm.tasks(serviceNames.global)) {
      const answer = await fetchOnce(`http://${addresses.get(task.node)}:${task.ports[0].published}/`);
      expect(answer).toMatchObject({ status: 200, node: task.node });
      // The test service (test-service/) names its container too: docker's hostname, the container ID's first 12 hex digits.
      expect(answer.body).toMatch(/^container: [0-9a-f]{12}$/m);
    }
    // And through the lab's load balancer, which spreads requests over every node.
    expect([...(await nodesAnswering(outcome.url!, nodes))].sort()).toEqual(nodes);
    expect(await fetchOnce(new URL('/healthz/', outcome.url!).href)).toMatchObject({ status: 200, body: 'ok\n' });
    // Built from test-service/Dockerfile: its user, port and command, not root.
    const config = JSON.parse(await services.swarm.docker(['image', 'inspect', '--format', '{{json .Config}}', labWebImage])) as { User: string; ExposedPorts: object; Cmd: string[] };
    expect(config).toMatchObject({ User: '65534:65534', ExposedPorts: { '8080/tcp': {} }, Cmd: ['/bin/busybox', 'httpd', '-f', '-p', '8080', '-h', '/www'] });
  }, minutes(3));

  it('spreads 8 replicas over the nodes, scales them to 4, and a second deploy keeps the service with its replicas', async () => {
    const said: string[] = [];
    const recording = { ...services, reporter: { ...silentReporter, info: (message: string) => said.push(message) } };
    const eight = await deployReplicatedService(recording, 8);
    expect(eight).toMatchObject({ running: 8, desired: 8 });
    expect(Object.values(eight.placement).reduce((sum, count) => sum + count, 0)).toBe(8);
    expect(Object.keys(eight.placement).length).toBe(3);
    const four = await scaleService(services, 4);
    expect(four).toMatchObject({ running: 4, desired: 4 });
    expect((await services.swarm.tasks(serviceNames.replicated)).filter((task) => task.state === 'running')).toHaveLength(4);
    // Docker refuses the second create (the name is taken): the same service is scaled instead.
    const id = (await services.swarm.service(serviceNames.replicated))?.id;
    const six = await deployReplicatedService(recording, 6);
    expect(six).toMatchObject({ running: 6, desired: 6 });
    expect((await services.swarm.service(serviceNames.replicated))?.id).toBe(id);
    expect(said.filter((line) => !line.includes('running; per node'))).toEqual([
      `${serviceNames.replicated} created`,
      `${serviceNames.replicated} already exists; keeping it with 6 replicas`,
    ]);
  }, minutes(3));

  it('keeps the stack counter counting across web task restarts', async () => {
    const stack = await deployStack(services);
    expect(stack.services.map((service) => service.service).sort()).toEqual(['web-redis_redis', 'web-redis_web']);
    // Redis on the manager, the web tasks on the agents (the compose file's constraints).
    const redis = stack.services.find((service) => service.service === 'web-redis_redis')!;
    expect(Object.keys(redis.placement)).toEqual(['master0']);
    const web = stack.services.find((service) => service.service === 'web-redis_web')!;
    expect(web.running).toBe(4);
    expect(Object.keys(web.placement)).not.toContain('master0');
    const tasksBefore = (await services.swarm.tasks('web-redis_web')).map((task) => task.id);
    const counter = await counterAcrossRestarts(services);
    expect(counter.after).toBeGreaterThan(counter.before);
    const tasksAfter = (await services.swarm.tasks('web-redis_web')).map((task) => task.id);
    expect(tasksAfter.filter((id) => tasksBefore.includes(id))).toEqual([]);
  }, minutes(4));

  it('scales agents in: the removed node leaves node ls and no task is lost', async () => {
    const outcome = await scaleAgents({ cluster, swarm: services.swarm, reporter: silentReporter, timeoutMs: minutes(3) }, 1);
    expect(outcome.removed).toHaveLength(1);
    const names = (await services.swarm.nodes()).map((node) => node.hostname);
    expect(names).not.toContain(outcome.removed[0]);
    expect(names).toHaveLength(2);
    expect(await scaleService(services, 4)).toMatchObject({ running: 4, desired: 4 });
  }, minutes(4));

  it('reimages and restarts the agent: it rejoins as a new node each time, and the services recover', async () => {
    const agentsContext = { cluster, swarm: services.swarm, reporter: silentReporter, timeoutMs: minutes(2), stableMs: 2_000 };
    const [agent] = await cluster.listAgents();
    const idOf = async () => (await services.swarm.nodes()).find((node) => node.hostname === agent.name && node.availability === 'active' && node.status === 'ready')?.id;
    const original = await idOf();
    expect(await reimageAgents(agentsContext, 'serial')).toEqual([agent.name]);
    const reimaged = await idOf();
    expect(reimaged).toBeDefined();
    expect(reimaged).not.toBe(original);
    // An observer of its own samples the swarm while the monkey runs and for a while after it
    // says full strength: the restart must show (the agent down or a service short), and nothing
    // may be short any more once the monkey has returned.
    // The swarm is at full strength first (the reimage above leaves tasks restarting), so whatever
    // the observer finds short comes from the monkey's restart.
    await waitForServices(services.swarm, [], silentReporter, { stableMs: 2_000, timeoutMs: minutes(2) });
    const observer = observeStrength(services.swarm, [agent.name]);
    const called = Date.now();
    const chaos = await chaosMonkey(agentsContext);
    const returned = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const samples = await observer.stop();
    console.log(`chaos timeline (ms after the call): ${samples.map((sample) => `${sample.startedAt - called}${sample.short.length > 0 ? ` short: ${sample.short.join(', ')}` : ' full'}`).join('; ')}`);
    console.log(`chaos: longest time a service was below its desired count ${longestServiceShortfallMs(samples)} ms (the budget is the benchmark's)`);
    expect(chaos.order).toEqual([agent.name]);
    const short = samples.filter((sample) => sample.short.length > 0);
    expect(short.length).toBeGreaterThan(0);
    expect(short.filter((sample) => sample.startedAt > returned)).toEqual([]);
    expect(samples.filter((sample) => sample.startedAt > returned).length).toBeGreaterThan(2);
    // The figure spans what the observer saw: from the first sample that caught the swarm short to
    // the last one at least (the restart began before the first, full strength came after the last),
    // and no more than the call itself.
    expect(chaos.toFullStrengthMs).toBeGreaterThanOrEqual(short.at(-1)!.startedAt - short[0]!.endedAt);
    expect(chaos.toFullStrengthMs).toBeLessThanOrEqual(returned - called);
    expect(chaos.recoveryMs).toBeLessThan(chaos.toFullStrengthMs);
    expect(await idOf()).not.toBe(reimaged);
    // The reimage seeded its fresh docker store with the current lab images and recorded their
    // keys: the restart imported nothing (an import costs a reboot a process of its own).
    const agentDir = join(labDir(labName), 'nodes', agent.name);
    expect(readFileSync(join(agentDir, 'images-key'), 'utf8')).toBe(await labImagesKey());
    expect(readFileSync(join(agentDir, 'log', 'init.log'), 'utf8')).not.toContain('lab images imported');
    expect(await scaleService(services, 4)).toMatchObject({ running: 4, desired: 4 });
  }, minutes(4));

  it('gives the docker CLI on this machine the cluster through env (ssh:// with the pinned key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azswarm-env-'));
    try {
      const environment = dockerEnv(cluster.info.ssh, `azswarm-lab-${labName}`, dir);
      for (const file of environment.files) {
        mkdirSync(dirname(join(dir, file.path)), { recursive: true });
        writeFileSync(join(dir, file.path), file.text, { mode: file.mode });
      }
      const { stdout } = await run('docker', ['node', 'ls', '--format', '{{.Hostname}} {{.Status}}'], {
        env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, DOCKER_HOST: environment.dockerHost },
      });
      expect(stdout).toMatch(/^master0 Ready$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, minutes(1));
});
