// Fixtures were captured from a real two-node swarm by test/fixtures/docker/capture.sh.
import { readFileSync } from 'node:fs';
import {
  parseNodeInspect,
  parseNodeList,
  parseServiceList,
  parseServiceTasks,
  parseSwarmInfo,
  parseTaskPorts,
  parseUpdateStates,
} from '../../src/swarm/docker-parsers.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/docker/${name}`, import.meta.url), 'utf8');

describe('docker output parsers on captured output', () => {
  it('node ls: hostnames, states, roles', () => {
    const nodes = parseNodeList(fixture('node-ls.jsonl'));
    expect(nodes.map((node) => [node.hostname, node.status, node.availability, node.isManager, node.self])).toEqual([
      ['agent1', 'ready', 'active', false, false],
      ['master0', 'ready', 'active', true, true],
    ]);
    expect(nodes[1].managerStatus).toBe('Leader');
  });

  it('node ls: a drained node, then a stopped one', () => {
    expect(parseNodeList(fixture('node-ls-drained.jsonl')).find((node) => node.hostname === 'agent1')).toMatchObject({
      status: 'ready',
      availability: 'drain',
    });
    expect(parseNodeList(fixture('node-ls-down.jsonl')).find((node) => node.hostname === 'agent1')).toMatchObject({
      status: 'down',
      availability: 'drain',
    });
  });

  it('node inspect: role, address, resources', () => {
    const [master, agent] = parseNodeInspect(fixture('node-inspect.json'));
    expect(master).toMatchObject({ hostname: 'master0', role: 'manager', status: 'ready', leader: true, address: '10.251.77.10' });
    expect(agent).toMatchObject({ hostname: 'agent1', role: 'worker', availability: 'active', leader: false, address: '10.251.77.11' });
    expect(master.cpus).toBeGreaterThan(0);
    expect(master.memoryBytes).toBeGreaterThan(0);
  });

  it('service ls: modes and replica counts', () => {
    expect(parseServiceList(fixture('service-ls.jsonl')).map(({ name, mode, running, desired }) => ({ name, mode, running, desired }))).toEqual([
      { name: 'global', mode: 'global', running: 2, desired: 2 },
      { name: 'web', mode: 'replicated', running: 3, desired: 3 },
    ]);
  });

  it('service ps: nodes, states and each host-mode port once', () => {
    const tasks = parseServiceTasks(fixture('service-ps-web.jsonl'));
    expect(tasks.map((task) => [task.name, task.node, task.state, task.ports])).toEqual([
      ['web.1', 'master0', 'running', [{ published: 32768, target: 8080, protocol: 'tcp' }]],
      ['web.2', 'agent1', 'running', [{ published: 32769, target: 8080, protocol: 'tcp' }]],
      ['web.3', 'agent1', 'running', [{ published: 32768, target: 8080, protocol: 'tcp' }]],
    ]);
  });

  it('service ps: tasks moving off a stopped node keep their history rows', () => {
    const tasks = parseServiceTasks(fixture('service-ps-web-moved.jsonl'));
    const wanted = tasks.filter((task) => task.desiredState === 'running');
    expect(wanted.map((task) => task.node)).toEqual(['master0', 'master0', 'master0']);
    expect(tasks.filter((task) => task.desiredState === 'shutdown').map((task) => task.node)).toEqual(['agent1', 'agent1']);
    expect(wanted.map((task) => task.state)).toEqual(['running', 'starting', 'starting']);
  });

  it('service ps --no-trunc: Pending tasks that no node may run, with the reason unquoted', () => {
    // Captured on a lab after stop-agents: the stack's web tasks are constrained to workers.
    const tasks = parseServiceTasks(fixture('service-ps-pending.jsonl'));
    expect(tasks.length).toBe(4);
    for (const task of tasks) {
      expect(task).toMatchObject({ state: 'pending', node: '', desiredState: 'running' });
      expect(task.error).toMatch(/^no suitable node \(.*scheduling constraints not satisfied on 1 node\)$/);
    }
  });

  it('service inspect UpdateStatus: a forced update in progress, completed, and never updated', () => {
    expect(parseUpdateStates(fixture('service-inspect-update-updating.jsonl'))).toEqual(['updating', 'none']);
    expect(parseUpdateStates(fixture('service-inspect-update-completed.jsonl'))).toEqual(['completed', 'none']);
    expect(() => parseUpdateStates('{"Message":"x"}')).toThrow(/UpdateStatus without State/);
  });

  it('info .Swarm: manager and worker', () => {
    expect(parseSwarmInfo(fixture('info-swarm-manager.json'))).toEqual({
      nodeId: 'zk9c1mn3oo59ohezr964gbxsl',
      nodeAddress: '10.251.77.10',
      localState: 'active',
      isManager: true,
      error: '',
      nodes: 2,
      managers: 1,
    });
    const worker = parseSwarmInfo(fixture('info-swarm-worker.json'));
    expect(worker).toMatchObject({ isManager: false, localState: 'active', nodeAddress: '10.251.77.11' });
    expect(worker.nodes).toBeUndefined();
  });

  it('rejects output it does not understand, naming the command', () => {
    expect(() => parseNodeList('Error response from daemon: This node is not a swarm manager.')).toThrow(/docker node ls: not JSON/);
    expect(() => parseNodeList('{"ID":"x","Hostname":"h","Status":"Sleepy","Availability":"Active","ManagerStatus":""}')).toThrow(
      /Status "Sleepy"/,
    );
    expect(() => parseServiceList('{"ID":"x","Name":"n","Mode":"replicated","Image":"i","Replicas":"?"}')).toThrow(/Replicas/);
    expect(() => parseNodeInspect('{}')).toThrow(/not an array/);
  });

  it('reads IPv4 and IPv6 port listings as one port each', () => {
    expect(parseTaskPorts('0.0.0.0:32770->8080/tcp, :::32770->8080/tcp, *:81->8080/udp')).toEqual([
      { published: 32770, target: 8080, protocol: 'tcp' },
      { published: 81, target: 8080, protocol: 'udp' },
    ]);
    expect(parseTaskPorts('')).toEqual([]);
  });
});
