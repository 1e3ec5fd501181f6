#!/usr/bin/env node
// The pull request's one sticky comment, written by pr-cluster-comment.yml (a workflow_run
// follow-up: the default branch's code, with a token that may write comments) from the
// report.json artifact of a pr-cluster run. That artifact was made by the pull request's code,
// a fork's included: it is untrusted data. So every field is checked against a strict shape
// and only known values or escaped text reach the comment, and the pull request number it names
// is accepted only when that pull request's head is the commit the run was for (HEAD_SHA, from
// the trusted workflow_run event).
// Environment: REPORT (path of report.json), HEAD_SHA, RUN_URL, CONCLUSION, GITHUB_REPOSITORY,
// GITHUB_API_URL, GITHUB_TOKEN; COMMENT_AUTHOR (the login whose comment is updated,
// github-actions[bot] by default: a comment of anyone else that copies the marker is ignored).
import { readFileSync } from 'node:fs';

const marker = '<!-- azswarm:pr-cluster -->';
const testNames = new Set(['deploy', 'replicated', 'global', 'stack', 'scale-service', 'scale-agents', 'teardown']);
const outcomes = new Set(['success', 'failure', 'cancelled', 'skipped', 'not run']);
const providers = new Set(['azure', 'lab']);

class ReportError extends Error {}

function fail(field, rule) {
  throw new ReportError(`report.json: ${field} ${rule}`);
}

/** Printable text of at most `max` characters with no markdown or HTML meaning. */
function text(field, value, max, pattern = /^[A-Za-z0-9._:/@-]*$/) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > max || !pattern.test(value)) fail(field, `must be at most ${max} characters matching ${pattern.source}`);
  return value;
}

function validate(raw) {
  if (typeof raw !== 'object' || raw === null || raw.version !== 1) fail('version', 'must be 1');
  if (!Number.isInteger(raw.pullRequest) || raw.pullRequest < 1) fail('pullRequest', 'must be a positive whole number');
  if (!providers.has(raw.provider)) fail('provider', 'must be azure or lab');
  if (!Array.isArray(raw.tests) || raw.tests.length > testNames.size) fail('tests', `must be a list of at most ${testNames.size}`);
  if (!Array.isArray(raw.nodes) || raw.nodes.length > 200) fail('nodes', 'must be a list of at most 200');
  return {
    pullRequest: raw.pullRequest,
    provider: raw.provider,
    cluster: text('cluster', raw.cluster, 90),
    headSha: text('headSha', raw.headSha, 40, /^[0-9a-f]{40}$/),
    endpoints: { master: text('endpoints.master', raw.endpoints?.master, 253), agents: text('endpoints.agents', raw.endpoints?.agents, 253) },
    tests: raw.tests.map((test, index) => {
      if (!testNames.has(test?.name)) fail(`tests[${index}].name`, `must be one of ${[...testNames].join(', ')}`);
      if (!outcomes.has(test.outcome)) fail(`tests[${index}].outcome`, `must be one of ${[...outcomes].join(', ')}`);
      if (typeof test.seconds !== 'number' || !(test.seconds >= 0 && test.seconds < 1e6)) fail(`tests[${index}].seconds`, 'must be a number of seconds');
      return { name: test.name, outcome: test.outcome, seconds: test.seconds, url: text(`tests[${index}].url`, test.url, 300) };
    }),
    nodes: raw.nodes.map((node, index) => ({
      hostname: text(`nodes[${index}].hostname`, node?.hostname, 64),
      role: text(`nodes[${index}].role`, node?.role, 16),
      status: text(`nodes[${index}].status`, node?.status, 16),
      availability: text(`nodes[${index}].availability`, node?.availability, 16),
    })),
  };
}

const icons = { success: '✅', failure: '❌', cancelled: '⏹️', skipped: '⏭️', 'not run': '⏭️' };

function commentBody(report, runUrl, conclusion) {
  const lines = [marker, `### Cluster \`${report.cluster}\` (${report.provider}): ${conclusion}`, ''];
  if (report.endpoints.master) lines.push(`- master0: \`${report.endpoints.master}\``);
  if (report.endpoints.agents) lines.push(`- agents' load balancer: \`${report.endpoints.agents}\``);
  lines.push('', '| test | result | time | endpoint |', '| --- | --- | --- | --- |');
  for (const test of report.tests) lines.push(`| ${test.name} | ${icons[test.outcome]} ${test.outcome} | ${test.seconds} s | ${test.url ? `\`${test.url}\`` : ''} |`);
  lines.push('', '| node | role | status | availability |', '| --- | --- | --- | --- |');
  for (const node of report.nodes) lines.push(`| ${node.hostname} | ${node.role} | ${node.status} | ${node.availability} |`);
  lines.push('', `Commit ${report.headSha.slice(0, 12)}, [run](${runUrl}).`);
  return `${lines.join('\n')}\n`;
}

function environment(name) {
  const value = process.env[name];
  if (!value) throw new ReportError(`${name} is not set`);
  return value;
}

async function api(method, path, body) {
  const response = await fetch(`${process.env.GITHUB_API_URL || 'https://api.github.com'}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${environment('GITHUB_TOKEN')}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

async function main() {
  const report = validate(JSON.parse(readFileSync(environment('REPORT'), 'utf8')));
  const repo = environment('GITHUB_REPOSITORY');
  const headSha = environment('HEAD_SHA');
  const runUrl = environment('RUN_URL');
  const conclusion = text('CONCLUSION', process.env.CONCLUSION || 'unknown', 20, /^[a-z_]+$/);
  const pull = await api('GET', `/repos/${repo}/pulls/${report.pullRequest}`);
  if (pull?.head?.sha !== headSha) throw new ReportError(`report.json names pull request #${report.pullRequest}, whose head is not the run's commit ${headSha}`);
  const author = process.env.COMMENT_AUTHOR || 'github-actions[bot]';
  const body = commentBody({ ...report, headSha }, runUrl, conclusion);
  for (let page = 1; page <= 50; page += 1) {
    const comments = await api('GET', `/repos/${repo}/issues/${report.pullRequest}/comments?per_page=100&page=${page}`);
    const sticky = comments.find((comment) => comment.user?.login === author && comment.body?.startsWith(marker));
    if (sticky) {
      await api('PATCH', `/repos/${repo}/issues/comments/${sticky.id}`, { body });
      return console.log(`updated comment ${sticky.id} on #${report.pullRequest}`);
    }
    if (comments.length < 100) break;
  }
  const created = await api('POST', `/repos/${repo}/issues/${report.pullRequest}/comments`, { body });
  console.log(`created comment ${created.id} on #${report.pullRequest}`);
}

main().catch((error) => {
  console.log(`::error::${error.message}`);
  process.exit(1);
});
