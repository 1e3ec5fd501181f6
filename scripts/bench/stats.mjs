// Figures over several runs: each is the median with min and max. And a line naming the machine
// (its load included: the figures of a shared machine mean little without it).
import { cpus, loadavg, release, totalmem } from 'node:os';

/** Adds one run's value to the named figure. */
export class Figures {
  constructor() {
    this.samples = new Map();
  }

  add(name, value) {
    if (!this.samples.has(name)) this.samples.set(name, []);
    this.samples.get(name).push(value);
  }

  /** `{ name: { median, min, max, runs } }`, in the order the figures were first added. */
  summary() {
    return Object.fromEntries([...this.samples].map(([name, values]) => [name, summarize(values)]));
  }
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

export function describeMachine() {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    /** How lab nodes boot: the lab's emulation, or AZSWARM_LAB_BOOT=systemd (systemd + cloud-init in the node image). */
    labBoot: process.env.AZSWARM_LAB_BOOT || 'emulated',
  };
}
