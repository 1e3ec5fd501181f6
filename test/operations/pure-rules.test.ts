// The decisions the operations make from what the swarm reports, on captured and literal data.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { asset } from '../../src/core/assets.js';
import { shuffled } from '../../src/operations/agents.js';
import { shortfall } from '../../src/operations/convergence.js';
import { nodeIds, nodeShortfall } from '../../src/operations/nodes.js';
import { hitCount } from '../../src/operations/probe.js';
import { composePort, prepareStack } from '../../src/operations/stack.js';
import { azureServiceFlavour } from '../../src/providers/azure/service-flavour.js';
import { labServiceFlavour } from '../../src/providers/lab/service-flavour.js';
import { parseNodeList, parseServiceList } from '../../src/swarm/docker-parsers.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/docker/${name}`, import.meta.url), 'utf8');

describe('node expectations', () => {
  it('is met when every expected node is Ready', () => {
    expect(nodeShortfall(parseNodeList(fixture('node-ls.jsonl')), { ready: ['master0', 'agent1'] })).toBe('');
  });

  it('names what is missing: not joined, not Ready, not gone, still Ready', () => {
    const down = parseNodeList(fixture('node-ls-down.jsonl'));
    expect(nodeShortfall(down, { ready: ['master0', 'agent1', 'agent2'] })).toBe('agent1 is not Ready, agent2 has not joined');
    expect(nodeShortfall(down, { ready: ['master0'], gone: ['agent1'] })).toBe('agent1 is still in node ls');
    expect(nodeShortfall(down, { ready: ['master0'], notReady: ['agent1'] })).toBe('');
    expect(nodeShortfall(parseNodeList(fixture('node-ls.jsonl')), { ready: [], notReady: ['agent1'] })).toBe('agent1 is still Ready');
  });
});

describe('agents that rejoin after a restart or reimage', () => {
  // Captured on a lab after chaos-monkey: each agent's old entry lingers, drained (one of them
  // still Ready, the other already Down).
  const rejoined = parseNodeList(fixture('node-ls-rejoined.jsonl'));
  const staleIds = ['evpiw1d66ynctp264cnitsrs3', 'v9l47fbfb5syjiie5ytgnm86d'];

  it('counts only a new, active identity as back', () => {
    expect(nodeShortfall(rejoined, { ready: ['master0'], rejoined: { names: ['agents000000', 'agents000001'], staleIds } })).toBe('');
  });

  it('does not take the lingering old entry for the agent', () => {
    const onlyStale = rejoined.filter((node) => node.hostname === 'master0' || staleIds.includes(node.id));
    expect(onlyStale.find((node) => node.hostname === 'agents000000')).toMatchObject({ status: 'ready', availability: 'drain' });
    expect(nodeShortfall(onlyStale, { ready: ['master0', 'agents000000'] })).toBe('');
    expect(nodeShortfall(onlyStale, { ready: ['master0'], rejoined: { names: ['agents000000', 'agents000001'], staleIds } })).toBe(
      'agents000000 has not rejoined, agents000001 has not rejoined',
    );
  });

  it('collects the stale IDs of the named hosts', () => {
    expect(nodeIds(parseNodeList(fixture('node-ls.jsonl')), ['agent1'])).toEqual(['ka7ar8c66bh947gk4ikly3oxj']);
  });
});

describe('service convergence', () => {
  it('names services short of their tasks, and absent ones', () => {
    const services = parseServiceList(fixture('service-ls.jsonl'));
    expect(shortfall(services, ['web', 'global'])).toBe('');
    const partial = services.map((service) => (service.name === 'web' ? { ...service, running: 1 } : service));
    expect(shortfall(partial, ['web', 'monitor'])).toBe('web 1/3, monitor does not exist');
  });
});

describe('the shipped stack per provider', () => {
  const shipped = asset('stacks/web-redis.yml');

  const testImage = `ghcr.io/owner/azswarm-test-service@sha256:${'ab'.repeat(32)}`;

  it('goes to Azure as written but for the test service, which becomes the test-image digest reference', () => {
    const prepared = prepareStack(shipped, azureServiceFlavour, 'stacks/web-redis.yml', testImage);
    const compose = parse(prepared.compose);
    expect(compose).toEqual({ ...parse(shipped), services: { ...parse(shipped).services, web: { ...parse(shipped).services.web, image: testImage } } });
    expect(compose.services.redis.image).toBe(azureServiceFlavour.redisImage);
    expect(azureServiceFlavour.redisImage).toMatch(/^redis:7-alpine@sha256:[0-9a-f]{64}$/);
    expect(prepared.notes).toEqual([`web: image azswarm/test-service runs as ${testImage} (the test service)`]);
  });

  it('refuses the shipped stack on Azure without a test image, naming the setting; a stack without the test service needs none', () => {
    expect(() => prepareStack(shipped, azureServiceFlavour, 'stacks/web-redis.yml')).toThrow(/^test-image is not set/);
    const own = 'services:\n  app:\n    image: nginx:1.27\n';
    expect(prepareStack(own, azureServiceFlavour, 'own.yml')).toEqual({ compose: own, notes: [] });
  });

  it('is rewritten for the lab: lab images, host-mode ports without a fixed port, dnsrr, the lb label', () => {
    const prepared = prepareStack(shipped, labServiceFlavour, 'stacks/web-redis.yml');
    const compose = parse(prepared.compose);
    expect(compose.services.web.image).toBe('azswarm/test-service:lab');
    expect(compose.services.web.ports).toEqual([{ target: 8080, mode: 'host', protocol: 'tcp' }]);
    expect(compose.services.web.deploy).toMatchObject({
      endpoint_mode: 'dnsrr',
      replicas: 4,
      labels: { 'azswarm.lb-port': '8000' },
      placement: { constraints: ['node.role == worker'] },
    });
    expect(compose.services.web.environment).toMatchObject({ REDIS_HOST: 'redis', NODE_NAME: '{{.Node.Hostname}}' });
    expect(compose.services.web.init).toBe(true);
    expect(compose.services.redis.image).toBe('azswarm/redis:lab');
    expect(compose.services.redis.deploy.endpoint_mode).toBe('dnsrr');
    expect(compose.services.redis.ports).toBeUndefined();
    expect(prepared.notes).toContain('web: port 8000 is served by the lab load balancer (tasks publish in host mode)');
  });

  it('refuses a file without services, naming it', () => {
    expect(() => prepareStack('version: "3"\n', labServiceFlavour, 'my.yml')).toThrow(/compose file my.yml is not usable/);
    expect(() => prepareStack('services: [\n', azureServiceFlavour, 'bad.yml')).toThrow(/compose file bad.yml is not usable/);
  });

  it('reads every compose port syntax', () => {
    expect(composePort('8000:8000')).toEqual({ published: 8000, target: 8000 });
    expect(composePort('127.0.0.1:80:8000/tcp')).toEqual({ published: 80, target: 8000 });
    expect(composePort('6379')).toEqual({ target: 6379 });
    expect(composePort({ target: 80, published: 81 })).toEqual({ target: 80, published: 81 });
  });
});

describe('chaos order and counters', () => {
  it('shuffles every agent exactly once', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const order = shuffled(['a', 'b', 'c', 'd', 'e'], random);
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order).not.toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reads the lab page counter', () => {
    expect(hitCount('node: agent1\ncontainer: x\nhits: 42\n')).toBe(42);
    expect(hitCount('hits: unavailable (redis at redis did not answer)')).toBeUndefined();
  });
});
