import { clusterStatus, renderMonitorPage } from '../../../src/providers/lab/daemon/monitor.js';
import { fixture } from './fixtures.js';

const now = new Date('2026-11-25T12:15:00Z');
const status = () => clusterStatus(fixture('nodes'), fixture('services'), fixture('tasks'), now);

test('the view lists the manager first, each node with its current tasks only', () => {
  const view = status();
  expect(view.nodes.map((node) => [node.hostname, node.role, node.leader, node.state, node.availability])).toEqual([
    ['node0', 'manager', true, 'ready', 'active'],
    ['agent2', 'worker', false, 'ready', 'active'],
  ]);
  expect(view.nodes[0]!.tasks.map((task) => task.name)).toEqual(['glob', 'redis.1', 'web.1', 'web.2']);
  // the rejected global task and the shut-down redis task are history, not shown
  expect(view.nodes[1]!.tasks.map((task) => `${task.name} ${task.state}`)).toEqual(['glob running', 'web.3 running', 'web.4 running']);
  expect(view.nodes[0]!.tasks.find((task) => task.name === 'web.1')!.ports).toEqual([32770]);
});

test('the services table counts running against desired tasks and shows load balancer ports', () => {
  expect(status().services).toEqual([
    { name: 'glob', mode: 'global', image: 'azswarm/web:lab', running: 2, desired: 2, lbPort: 81 },
    { name: 'redis', mode: 'replicated', image: 'azswarm/redis:lab', running: 1, desired: 1 },
    { name: 'web', mode: 'replicated', image: 'azswarm/web:lab', running: 4, desired: 4, lbPort: 8000 },
  ]);
});

test('the page refreshes itself, shows every node and task, and escapes what the swarm reports', () => {
  const nodes = fixture('nodes');
  nodes.find((node) => node.Description.Hostname === 'agent2').Description.Hostname = '<script>alert(1)</script>';
  const html = renderMonitorPage('demo', clusterStatus(nodes, fixture('services'), fixture('tasks'), now));
  expect(html).toContain('<meta http-equiv="refresh" content="2">');
  expect(html).toContain('<h2>node0</h2>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
  expect(html.match(/class="task running"/g)).toHaveLength(7);
});

test('an unreadable swarm gives a page that says so', () => {
  const html = renderMonitorPage('demo', { error: 'docker engine at /x: connect ENOENT', generatedAt: now.toISOString() });
  expect(html).toContain('cannot read the swarm: docker engine at /x: connect ENOENT');
});
