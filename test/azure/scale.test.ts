// A 100-agent cluster against the HTTPS ARM stand-in with ARM's subscription throttling on (a
// token bucket per operation kind answering 429 with Retry-After, throttle.ts) and instance
// lists paged behind nextLink: scale 3 → 100 and back, list 100 agents, deallocate and start
// them, reimage and restart them in bounded batches, each batch ONE scale set request naming its
// instance ids. Each step starts with the write bucket spent (another client of the same
// subscription and principal), so its first write meets a 429. Every request is counted; every
// 429's Retry-After must have been waited out before the same request came again. Prints the
// request counts it measured.
import { parseClusterSettings } from '../../src/core/validate.js';
import { batchesOf, chaosMonkeyWithoutSwarm, reimageAgentsWithoutSwarm } from '../../src/operations/agents.js';
import type { AzureCluster } from '../../src/providers/azure/agents.js';
import { renderAzureDeployment, type RenderContext } from '../../src/providers/azure/render.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import type { ArmServer, LoggedRequest } from '../support/arm-server/server.js';
import { armSubscriptionBuckets, SubscriptionThrottle, type ThrottleOptions } from '../support/arm-server/throttle.js';
import { azureProvider, recordingReporter, startTrustedArmServer, subscriptionId } from './azure-fixture.js';

const adminKey = generateSshKeyPair('admin@test');
const settings = (group: string, extra: Record<string, string> = {}) =>
  parseClusterSettings({ 'resource-group': group, location: 'westeurope', 'ssh-public-key': adminKey.publicKey, 'allowed-ssh-cidr': '203.0.113.0/24', ...extra }, 'azure');
const render = (s: ReturnType<typeof settings>, context: RenderContext) => renderAzureDeployment(s, context, { adminPrivateKey: adminKey.privateKey });

/**
 * ARM's buckets with their sizes cut to a tenth and their refill rates kept: the same steady
 * rate ARM allows, but a burst of a few dozen requests (what 100 agents cause) meets it.
 */
const throttle: ThrottleOptions = {
  reads: { size: armSubscriptionBuckets.reads.size / 10, refillPerSecond: armSubscriptionBuckets.reads.refillPerSecond },
  writes: { size: armSubscriptionBuckets.writes.size / 10, refillPerSecond: armSubscriptionBuckets.writes.refillPerSecond },
  deletes: { size: armSubscriptionBuckets.deletes.size / 10, refillPerSecond: armSubscriptionBuckets.deletes.refillPerSecond },
};

const figures: string[] = [];

/** Every 429 was followed by the same request only after its Retry-After (the SDK honours it). */
function expectRetryAfterHonoured(calls: readonly LoggedRequest[]): void {
  const throttled = calls.filter((call) => call.status === 429);
  for (const refused of throttled) {
    const next = calls.find((call) => call.at > refused.at && call.method === refused.method && call.path === refused.path);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    if (next) expect(next.at - refused.at).toBeGreaterThanOrEqual(refused.retryAfterSeconds! * 1000 - 20);
  }
}

/** The accepted scale set action POSTs (one per batch): the instance ids each named, and when. */
const acceptedBatches = (calls: readonly LoggedRequest[], action: string) =>
  calls.filter((call) => call.method === 'POST' && call.path.endsWith(`/virtualMachineScaleSets/agents/${action}`) && call.status === 202)
    .map((call) => ({ ids: (call.body as { instanceIds: string[] }).instanceIds, at: call.at }));

const hundredIds = Array.from({ length: 100 }, (_, id) => String(id));

describe('100 agents against the ARM stand-in, throttled and paged', () => {
  let server: ArmServer;
  let cluster: AzureCluster;
  let mark = 0;
  /** Everything ARM counts against the subscription: its calls and the long operations' polls. */
  const subscriptionRequests = () => server.log.filter((entry) => entry.path.startsWith('/subscriptions/'));
  /** This step's requests (all checked for honoured Retry-After), with its figures noted. */
  const step = (what: string) => {
    const calls = subscriptionRequests().slice(mark);
    const throttled = calls.filter((call) => call.status === 429).length;
    figures.push(`${what}: ${calls.length} ARM requests (polls included), ${throttled} answered 429`);
    expectRetryAfterHonoured(calls);
    mark = subscriptionRequests().length;
    return calls;
  };
  /** Each batch's request came only after the previous batch's operation had finished (its result answered 200). */
  const expectBatchesInOrder = (posts: ReturnType<typeof acceptedBatches>) => {
    const results = server.log.filter((entry) => /\/operationResults\//.test(entry.path) && entry.status === 200);
    for (let index = 1; index < posts.length; index++) {
      expect(results.some((result) => result.at >= posts[index - 1].at && result.at <= posts[index].at)).toBe(true);
    }
  };
  /** Another client of the subscription has spent its writes: the step's first write meets a 429. */
  const writesSpent = () => server.throttle!.exhaustBeforeNext(subscriptionId, 'writes');
  /** The step met the throttle: its first write was refused, then retried and accepted. */
  const expectThrottledWrite = (calls: readonly LoggedRequest[]) => {
    const writes = calls.filter((call) => call.method !== 'GET');
    expect(writes[0].status).toBe(429);
    expect(writes.filter((call) => call.status === 429).length).toBeLessThan(writes.length);
  };

  beforeAll(async () => {
    // Long operations ask for no wait between polls (the client's 100 ms applies): only throttling makes the SDK wait.
    server = await startTrustedArmServer({ polls: 1, retryAfterSeconds: 0, throttle, pageSize: 50 });
    const provider = azureProvider(server, { render, pollIntervalMs: 100 });
    await provider.deploy(settings('swarm-100', { 'agent-count': '3', 'max-agent-count': '100' }), recordingReporter());
    cluster = await provider.open('swarm-100', recordingReporter());
    mark = subscriptionRequests().length;
  });
  afterAll(async () => {
    await server.close();
    console.log(`100-agent figures (ARM stand-in, throttled):\n${figures.map((line) => `  ${line}`).join('\n')}`);
  });

  it('scale-agents 100: one capacity change (after a 429, Retry-After waited out), then a listing of two pages behind nextLink', async () => {
    writesSpent();
    await cluster.scaleAgents(100);
    const agents = await cluster.listAgents();
    expect(agents).toHaveLength(100);
    expect(agents.map((agent) => agent.instanceId)).toEqual(hundredIds);
    const calls = step('scale 3 → 100 and list');
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.status)).toEqual([429, 200]);
    expectThrottledWrite(calls);
    const pages = calls.filter((call) => call.method === 'GET' && /\/virtualMachines$/.test(call.path) && call.status === 200);
    expect(pages.map((call) => call.query.$skiptoken)).toEqual([undefined, '50']);
    expect(pages.every((call) => call.query.$expand === 'instanceView')).toBe(true);
  });

  it.each([
    ['deallocate', true, 'deallocated'],
    ['poweroff', false, 'stopped'],
  ])('stop all 100 (%s): ONE scale set request naming every instance (not 100), then start them with one more', async (action, deallocate, state) => {
    writesSpent();
    await cluster.stopAgents({ deallocate });
    expect(new Set((await cluster.listAgents()).map((agent) => agent.state))).toEqual(new Set([state]));
    const stopped = step(`${action} 100 (listing before and after included)`);
    expect(acceptedBatches(stopped, action).map((post) => post.ids)).toEqual([hundredIds]);
    expect(stopped.filter((call) => call.method === 'POST').map((call) => call.status)).toEqual([429, 202]);
    expectThrottledWrite(stopped);

    await cluster.startAgents();
    expect(new Set((await cluster.listAgents()).map((agent) => agent.state))).toEqual(new Set(['running']));
    const started = step('start 100 (listing before and after included)');
    expect(acceptedBatches(started, 'start').map((post) => post.ids)).toEqual([hundredIds]);
    expect(started.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('reimage in batches of 20: one request per batch, none before the previous one finished', async () => {
    const reporter = recordingReporter();
    writesSpent();
    const reimaged = await reimageAgentsWithoutSwarm(cluster, reporter, 'parallel', 20);
    expect(reimaged).toHaveLength(100);
    const calls = step('reimage 100 in batches of 20');
    const posts = acceptedBatches(calls, 'reimage');
    expect(posts.map((post) => post.ids)).toEqual(batchesOf(hundredIds, 20));
    expect(calls.filter((call) => call.method === 'POST' && call.status !== 429)).toHaveLength(5);
    expect(reporter.lines.filter((line) => line.startsWith('> reimage'))).toEqual(
      [1, 2, 3, 4, 5].map((batch) => `> reimage 20 agents at once (batch ${batch} of 5)`));
    expectBatchesInOrder(posts);
    expectThrottledWrite(calls);
  });

  it('chaos monkey with batches of 25: every agent restarted once, one request per batch of 25', async () => {
    const reporter = recordingReporter();
    writesSpent();
    const order = await chaosMonkeyWithoutSwarm(cluster, reporter, () => 0.5, 25);
    expect(new Set(order).size).toBe(100);
    const idOf = new Map((await cluster.listAgents()).map((agent) => [agent.name, agent.instanceId]));
    const calls = step('chaos monkey on 100 in batches of 25 (and a listing)');
    const posts = acceptedBatches(calls, 'restart');
    expect(posts.map((post) => post.ids)).toEqual(batchesOf(order.map((name) => idOf.get(name)!), 25));
    expect(reporter.lines.filter((line) => line.startsWith('> restart'))).toEqual(
      [1, 2, 3, 4].map((batch) => `> restart 25 agents at once (batch ${batch} of 4)`));
    expectBatchesInOrder(posts);
    expectThrottledWrite(calls);
  });

  it('scale-in of 20, then back to 3, each change after a 429: the newest instances go; the listing fits one page again', async () => {
    // a listing of 80 takes two pages, one of 3 a single page
    writesSpent();
    await cluster.scaleAgents(80);
    expect((await cluster.listAgents()).map((agent) => agent.instanceId)).toEqual(Array.from({ length: 80 }, (_, id) => String(id)));
    writesSpent();
    await cluster.scaleAgents(3);
    expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(['agents000000', 'agents000001', 'agents000002']);
    const calls = step('scale 100 → 80 → 3 and list');
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => [call.status, call.body])).toEqual(
      [[429, { sku: { capacity: 80 } }], [200, { sku: { capacity: 80 } }], [429, { sku: { capacity: 3 } }], [200, { sku: { capacity: 3 } }]]);
    const pages = calls.filter((call) => call.method === 'GET' && /\/virtualMachines$/.test(call.path) && call.status === 200);
    expect(pages.map((call) => call.query.$skiptoken)).toEqual([undefined, '50', undefined]);
  });

  it('a burst beyond a bucket is answered 429 with the wait until a token is back; reads and writes have their own buckets', () => {
    const bucket = new SubscriptionThrottle({ ...throttle, reads: { size: 25, refillPerSecond: 25 } });
    const answers = Array.from({ length: 26 }, () => bucket.admit('sub', 'GET'));
    expect(answers.slice(0, 25).every((answer) => 'headers' in answer)).toBe(true);
    expect(answers[0]).toEqual({ headers: { 'x-ms-ratelimit-remaining-subscription-reads': '24' } });
    const refused = answers[25] as { reply: { status: number; headers: Record<string, string>; body: { error: { code: string } } } };
    expect(refused.reply.status).toBe(429);
    expect(refused.reply.headers).toEqual({ 'retry-after': '1', 'x-ms-ratelimit-remaining-subscription-reads': '0' });
    expect(refused.reply.body.error.code).toBe('TooManyRequests');
    expect(bucket.admit('sub', 'PUT')).toEqual({ headers: { 'x-ms-ratelimit-remaining-subscription-writes': String(throttle.writes.size - 1) } });
    expect(bucket.admit('other-sub', 'GET')).toEqual({ headers: { 'x-ms-ratelimit-remaining-subscription-reads': '24' } });
    expect(bucket.throttled).toEqual({ reads: 1, writes: 0, deletes: 0 });
  });
});
