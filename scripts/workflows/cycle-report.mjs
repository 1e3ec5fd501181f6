#!/usr/bin/env node
// The cluster cycle's report (.github/workflows/cluster-cycle.yml). Plain Node, no packages:
// it runs on the runner's own node before anything is installed.
//   mark <test>   records when a test step starts (RUNNER_TEMP/cluster-cycle-marks)
//   report        reads the steps context (STEPS, the workflow's toJSON(steps)) and the marks,
//                 writes RUNNER_TEMP/cluster-cycle-report/report.json, the job summary and the
//                 `report` output. A test's time runs from its mark to the next mark.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const testNames = ['deploy', 'replicated', 'global', 'stack', 'scale-service', 'scale-agents', 'teardown'];

const temp = () => process.env.RUNNER_TEMP || '/tmp';
const marksFile = () => join(temp(), 'cluster-cycle-marks');

function mark(test) {
  if (!testNames.includes(test)) throw new Error(`mark: unknown test "${test}" (one of ${testNames.join(', ')})`);
  appendFileSync(marksFile(), `${test} ${Date.now()}\n`);
}

function readMarks() {
  let text;
  try {
    text = readFileSync(marksFile(), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((line) => {
    const [test, at] = line.split(' ');
    return { test, at: Number(at) };
  });
}

function parseJson(text, fallback) {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** The report of one run: what the comment and the summary show. */
function buildReport(steps, marks, now, meta) {
  const tests = [];
  marks.forEach(({ test, at }, index) => {
    const step = steps[test] ?? {};
    const end = marks[index + 1]?.at ?? now;
    tests.push({ name: test, outcome: step.outcome ?? 'not run', seconds: Math.round((end - at) / 100) / 10, url: step.outputs?.url || undefined });
  });
  const deploy = steps.deploy?.outputs ?? {};
  const nodes = parseJson(deploy.nodes ?? '[]', []).map((node) => ({
    hostname: String(node.hostname ?? ''),
    role: String(node.role ?? ''),
    status: String(node.status ?? node.state ?? ''),
    availability: String(node.availability ?? ''),
  }));
  return {
    version: 1,
    cluster: meta.cluster,
    provider: meta.provider,
    pullRequest: meta.pullRequest ? Number(meta.pullRequest) : undefined,
    headSha: meta.headSha,
    endpoints: { master: deploy['master-fqdn'] || undefined, agents: deploy['agents-fqdn'] || undefined },
    nodes,
    tests,
  };
}

function reportMarkdown(report) {
  const lines = [`## Cluster cycle: ${report.cluster} (${report.provider})`, ''];
  if (report.endpoints.master) lines.push(`- master0: \`${report.endpoints.master}\``);
  if (report.endpoints.agents) lines.push(`- agents' load balancer: \`${report.endpoints.agents}\``);
  lines.push('', '| test | result | time |', '| --- | --- | --- |');
  for (const test of report.tests) lines.push(`| ${test.name} | ${test.outcome} | ${test.seconds} s |`);
  lines.push('', '| node | role | status | availability |', '| --- | --- | --- | --- |');
  for (const node of report.nodes) lines.push(`| ${node.hostname} | ${node.role} | ${node.status} | ${node.availability} |`);
  return `${lines.join('\n')}\n`;
}

function report() {
  const steps = parseJson(process.env.STEPS ?? '{}', {});
  const result = buildReport(steps, readMarks(), Date.now(), {
    cluster: process.env.CLUSTER ?? '',
    provider: process.env.PROVIDER ?? '',
    pullRequest: process.env.PULL_REQUEST,
    headSha: process.env.HEAD_SHA ?? '',
  });
  const dir = join(temp(), 'cluster-cycle-report');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, reportMarkdown(result));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `report=${JSON.stringify(result)}\n`);
  process.stdout.write(reportMarkdown(result));
}

const [command, argument] = process.argv.slice(2);
if (command === 'mark') mark(argument);
else if (command === 'report') report();
else {
  process.stderr.write('usage: cycle-report.mjs mark <test> | report\n');
  process.exit(2);
}
