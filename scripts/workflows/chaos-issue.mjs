#!/usr/bin/env node
// Opens, or updates, the one issue labelled `chaos-monkey` when a chaos run failed its budget
// (.github/workflows/chaos-monkey.yml): its body is the latest failing run's timeline.
// Environment: TIMELINE (the job summary's markdown file of chaos-watch.mjs: RUNNER_TEMP/chaos),
// RUN_URL, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN.
import { readFileSync } from 'node:fs';

const label = 'chaos-monkey';

async function api(method, path, body) {
  const response = await fetch(`${process.env.GITHUB_API_URL || 'https://api.github.com'}${path}`, {
    method,
    headers: { authorization: `Bearer ${process.env.GITHUB_TOKEN}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return response.json();
}

function timelineText() {
  try {
    const timeline = JSON.parse(readFileSync(process.env.TIMELINE, 'utf8'));
    const first = timeline.events[0]?.at;
    const rows = timeline.events.map((event) => `| +${((event.at - first) / 1000).toFixed(1)} | ${event.kind} | ${event.name} |`);
    const below = Object.entries(timeline.belowDesiredSeconds).map(([name, s]) => `- ${name}: ${s.toFixed(1)} s below its desired count (budget ${timeline.budgetSeconds} s)`);
    return ['| time (s) | event | node/service |', '| --- | --- | --- |', ...rows, '', ...below].join('\n');
  } catch {
    return 'The run failed before the timeline was written.';
  }
}

async function main() {
  const repo = process.env.GITHUB_REPOSITORY;
  const body = `The chaos monkey's last failing run: ${process.env.RUN_URL}\n\n${timelineText()}\n`;
  const open = await api('GET', `/repos/${repo}/issues?labels=${label}&state=open&per_page=1`);
  if (open.length > 0) {
    await api('PATCH', `/repos/${repo}/issues/${open[0].number}`, { body });
    return console.log(`updated issue #${open[0].number}`);
  }
  const created = await api('POST', `/repos/${repo}/issues`, { title: 'Chaos monkey: the swarm stayed below strength too long', body, labels: [label] });
  console.log(`opened issue #${created.number}`);
}

main().catch((error) => {
  console.log(`::error::${error.message}`);
  process.exit(1);
});
