#!/usr/bin/env node
// The chaos monkey's timeline (.github/workflows/chaos-monkey.yml). Plain Node and the system
// ssh client, no packages.
//   start   starts a watcher in the background (before the chaos step) that polls master0 over
//           SSH (pinned host key) every POLL_SECONDS: `docker node ls` and `docker service ls`,
//           and records every change with its time: a node down, a node back (also a restarted
//           node that rejoined as a new swarm node), a service below its desired count and back.
//   report  (after the chaos step) waits until every node is Ready and every service at its
//           desired count again (at most BUDGET_SECONDS more), stops the watcher, writes the
//           timeline and the time to full strength to the job summary and
//           RUNNER_TEMP/chaos/timeline.json, and fails when a service stayed below its desired
//           count longer than BUDGET_SECONDS.
// Environment: DOCKER_HOST (ssh://user@host[:port], deploy-cluster's docker-host), SSH_KEY_PATH
// or SSH_PRIVATE_KEY (masked by the workflow), KNOWN_HOSTS, BUDGET_SECONDS, POLL_SECONDS.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.env.RUNNER_TEMP || '/tmp', 'chaos');
const files = { events: join(dir, 'events.jsonl'), pid: join(dir, 'watcher.pid'), key: join(dir, 'id'), knownHosts: join(dir, 'known_hosts'), timeline: join(dir, 'timeline.json') };
const seconds = (name, fallback) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds (got "${process.env[name]}")`);
  return value;
};

function sshTarget() {
  const match = /^ssh:\/\/([a-z_][a-z0-9_-]*)@([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(process.env.DOCKER_HOST ?? '');
  if (!match) throw new Error('DOCKER_HOST must be ssh://user@host[:port] (deploy-cluster\'s docker-host output)');
  return { user: match[1], host: match[2], port: match[3] ?? '22' };
}

/** One poll: the swarm's nodes and services as master0's docker CLI lists them. */
function poll(target) {
  const command = "docker node ls --format '{{.ID}} {{.Hostname}} {{.Status}}' && echo --- && docker service ls --format '{{.Name}} {{.Replicas}}'";
  const result = spawnSync('ssh', [
    '-i', files.key, '-p', target.port, '-o', `UserKnownHostsFile=${files.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR', `${target.user}@${target.host}`, command,
  ], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) return undefined;
  const [nodeText, serviceText = ''] = result.stdout.split('---\n');
  // By node ID: a restarted lab agent rejoins as a new swarm node under the same hostname.
  const nodes = Object.fromEntries(nodeText.split('\n').filter(Boolean).map((line) => line.split(' ')).map(([id, name, status]) => [id, { name, status }]));
  const services = Object.fromEntries(serviceText.split('\n').filter(Boolean).map((line) => {
    const [name, replicas] = line.split(' ');
    const [running, desired] = replicas.replace(/\s.*$/, '').split('/').map(Number);
    return [name, { running, desired }];
  }));
  return { nodes, services };
}

function record(event) {
  appendFileSync(files.events, `${JSON.stringify({ at: Date.now(), ...event })}\n`);
}

/** The watcher's loop: events for every change between two polls. */
async function watch() {
  const target = sshTarget();
  const pollMs = seconds('POLL_SECONDS', 2) * 1000;
  // Bounded by the job's own timeout (60 min): a watcher whose report step never ran ends too.
  const endAt = Date.now() + 3600 * 1000;
  let last;
  while (Date.now() < endAt) {
    const now = poll(target);
    if (now && last) {
      const known = new Set(Object.values(last.nodes).map((node) => node.name));
      for (const [id, { name, status }] of Object.entries(now.nodes)) {
        const before = last.nodes[id];
        if (before?.status === 'Ready' && status !== 'Ready') record({ kind: 'node-down', name, status });
        const rejoined = before === undefined && known.has(name);
        if (status === 'Ready' && (rejoined || (before !== undefined && before.status !== 'Ready'))) record({ kind: 'node-back', name, rejoined });
      }
      for (const [name, { running, desired }] of Object.entries(now.services)) {
        const before = last.services[name];
        if (!before) continue;
        if (before.running >= before.desired && running < desired) record({ kind: 'service-below', name, running, desired });
        if (before.running < before.desired && running >= desired) record({ kind: 'service-back', name, running, desired });
      }
    }
    if (now) {
      if (!last) record({ kind: 'watching', nodes: Object.keys(now.nodes).length, services: Object.keys(now.services).length });
      writeFileSync(join(dir, 'last.json'), JSON.stringify(now));
      last = now;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function start() {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = process.env.SSH_KEY_PATH ? readFileSync(process.env.SSH_KEY_PATH, 'utf8') : process.env.SSH_PRIVATE_KEY ?? '';
  if (!key.includes('PRIVATE KEY')) throw new Error('SSH_KEY_PATH or SSH_PRIVATE_KEY must give the admin private key');
  writeFileSync(files.key, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
  if (!(process.env.KNOWN_HOSTS ?? '').trim()) throw new Error('KNOWN_HOSTS must pin master0\'s host key');
  writeFileSync(files.knownHosts, `${process.env.KNOWN_HOSTS.trim()}\n`);
  sshTarget();
  writeFileSync(files.events, '');
  const child = spawn(process.execPath, [process.argv[1], 'watch'], { detached: true, stdio: 'ignore', env: process.env });
  child.unref();
  writeFileSync(files.pid, String(child.pid));
  console.log(`watching the swarm (watcher pid ${child.pid})`);
}

const readEvents = () => (existsSync(files.events) ? readFileSync(files.events, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);

function fullStrength() {
  if (!existsSync(join(dir, 'last.json'))) return false;
  const last = JSON.parse(readFileSync(join(dir, 'last.json'), 'utf8'));
  const names = new Set(Object.values(last.nodes).map((node) => node.name));
  const ready = new Set(Object.values(last.nodes).filter((node) => node.status === 'Ready').map((node) => node.name));
  return names.size === ready.size && Object.values(last.services).every(({ running, desired }) => running >= desired);
}

/** Each service's longest time below its desired count (still below: until now). */
function belowDesired(events, now) {
  const since = {};
  const longest = {};
  for (const event of events) {
    if (event.kind === 'service-below') since[event.name] ??= event.at;
    if (event.kind === 'service-back' && since[event.name] !== undefined) {
      longest[event.name] = Math.max(longest[event.name] ?? 0, event.at - since[event.name]);
      delete since[event.name];
    }
  }
  for (const [name, at] of Object.entries(since)) longest[name] = Math.max(longest[name] ?? 0, now - at);
  return longest;
}

async function report() {
  const budgetMs = seconds('BUDGET_SECONDS', 600) * 1000;
  const waitUntil = Date.now() + budgetMs;
  while (!fullStrength() && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 1000));
  const pid = existsSync(files.pid) ? Number(readFileSync(files.pid, 'utf8')) : undefined;
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const now = Date.now();
  const events = readEvents();
  const changes = events.filter((event) => event.kind !== 'watching');
  const first = changes[0]?.at;
  const atFullStrength = fullStrength();
  const recoveries = changes.filter((event) => event.kind === 'node-back' || event.kind === 'service-back');
  const toFullStrength = first !== undefined && atFullStrength && recoveries.length > 0 ? (recoveries.at(-1).at - first) / 1000 : undefined;
  const longest = belowDesired(events, now);
  const overBudget = Object.entries(longest).filter(([, ms]) => ms > budgetMs);
  const describe = {
    'node-down': (event) => `node ${event.name} down (${event.status})`,
    'node-back': (event) => `node ${event.name} back (Ready${event.rejoined ? ', rejoined as a new swarm node after its restart' : ''})`,
    'service-below': (event) => `service ${event.name} below its desired count (${event.running}/${event.desired})`,
    'service-back': (event) => `service ${event.name} back to its desired count (${event.running}/${event.desired})`,
  };
  const lines = ['## Chaos monkey timeline', '', '| time (s) | event |', '| --- | --- |'];
  for (const event of changes) lines.push(`| +${((event.at - first) / 1000).toFixed(1)} | ${describe[event.kind](event)} |`);
  lines.push('', toFullStrength === undefined ? (atFullStrength ? 'No change observed.' : '**Not back to full strength.**') : `Back to full strength **${toFullStrength.toFixed(1)} s** after the first restart.`);
  lines.push(`Budget below the desired count: ${budgetMs / 1000} s per service.`);
  for (const [name, ms] of overBudget) lines.push(`**${name} stayed below its desired count for ${(ms / 1000).toFixed(1)} s.**`);
  const markdown = `${lines.join('\n')}\n`;
  writeFileSync(files.timeline, JSON.stringify({ events: changes, toFullStrengthSeconds: toFullStrength, belowDesiredSeconds: Object.fromEntries(Object.entries(longest).map(([name, ms]) => [name, ms / 1000])), budgetSeconds: budgetMs / 1000, overBudget: overBudget.map(([name]) => name) }, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `to-full-strength=${toFullStrength ?? ''}\n`);
  process.stdout.write(markdown);
  if (overBudget.length > 0 || !atFullStrength) {
    console.log(`::error::${overBudget.length > 0 ? `${overBudget.map(([name]) => name).join(', ')} stayed below the desired count longer than ${budgetMs / 1000} s` : 'the swarm did not return to full strength'}`);
    process.exit(1);
  }
}

const command = process.argv[2];
const commands = { start, watch, report };
if (!commands[command]) {
  process.stderr.write('usage: chaos-watch.mjs start | report\n');
  process.exit(2);
}
Promise.resolve()
  .then(() => commands[command]())
  .catch((error) => {
    console.log(`::error::${error.message}`);
    process.exit(1);
  });
