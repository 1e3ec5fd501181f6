#!/usr/bin/env node
// `npm run bench [-- --json] [-- --runs N] [-- --only arm|lab|lab-bring-up|lab-convergence|scale]`: this machine's
// figures, each the median of N runs (3 by default) with min and max, as a table naming the
// machine or as JSON.
// arm: the actions against the HTTPS ARM stand-in (ARM requests, wall and CPU time, cold start).
// lab (as root): bring-up 1+3, 3+5, 1+10, destroy, convergence, chaos recovery, node software RSS;
// lab-bring-up: bring-up 1+3 and 3+5 alone; lab-convergence: the 1+3 lab's convergence, chaos and
// memory alone. Real-boot lab nodes: AZSWARM_LAB_BOOT=systemd.
// scale (as root, opt-in: `--only scale [--scale-agents N]`, heavy): a 1+50 lab (1+N), idle CPU and
// memory, join storm, LB.
// Figures, never verdicts: the targets are in docs/benchmarks.md.
import { armFigures } from './bench/arm.mjs';
import { labFigures } from './bench/lab.mjs';
import { scaleFigures } from './bench/scale.mjs';
import { describeMachine, Figures } from './bench/stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '3'));
const scaleAgents = Number(option('--scale-agents', '50'));
const only = option('--only', 'arm,lab').split(',');
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs: must be a whole number from 1 to 20');
if (!Number.isInteger(scaleAgents) || scaleAgents < 1 || scaleAgents > 100) throw new Error('--scale-agents: must be a whole number from 1 to 100');
const unknown = only.filter((part) => !['arm', 'lab', 'lab-bring-up', 'lab-convergence', 'scale'].includes(part));
if (unknown.length > 0) throw new Error(`--only: must name arm, lab, lab-bring-up, lab-convergence and/or scale, not ${unknown.join(', ')}`);
if (only.some((part) => part.startsWith('lab') || part === 'scale') && process.getuid?.() !== 0) throw new Error('--only lab/scale: the lab needs root (or run --only arm)');

const progress = (text) => process.stderr.write(`${text}\n`);
const machineBefore = describeMachine();
const started = Date.now();
const figures = new Figures();
if (only.includes('arm')) await armFigures(figures, runs, progress);
if (only.includes('lab')) await labFigures(figures, runs, progress);
else if (only.includes('lab-bring-up')) await labFigures(figures, runs, progress, { bringUpOnly: true });
else if (only.includes('lab-convergence')) await labFigures(figures, runs, progress, { convergenceOnly: true });
if (only.includes('scale')) await scaleFigures(figures, runs, progress, scaleAgents);
const result = {
  machine: { ...machineBefore, loadAverage1mAtEnd: describeMachine().loadAverage1m },
  date: new Date(started).toISOString(),
  runs,
  minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
  figures: figures.summary(),
};

if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const { machine } = result;
  const rows = Object.entries(result.figures).map(([name, { median, min, max }]) => `| ${name} | ${median} | ${min} | ${max} |`);
  process.stdout.write([
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}; load average ${machine.loadAverage1m} at the start, ${machine.loadAverage1mAtEnd} at the end`,
    `${result.date}, ${runs} runs per figure, ${result.minutes} min in all; lab nodes: ${machine.labBoot} boot`,
    '',
    '| figure | median | min | max |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'));
}
