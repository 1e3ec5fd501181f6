// The lab's reading of test-service/Dockerfile, so that the lab's image (built without a
// registry, see images.ts) and the published one come from one recipe: the files its COPY
// lines place, and the runtime instructions that `docker import --change` applies as written.
// Only the subset the test service uses is understood; anything else fails loudly rather than
// build a lab image that differs from the published one without anyone noticing.
import { ToolkitError } from '../../core/errors.js';

export interface Instruction {
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  argument: string;
}

/** Instructions the lab applies unchanged with `docker import --change`. */
const runtimeKeywords = new Set(['ENV', 'EXPOSE', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'STOPSIGNAL']);
/**
 * Instructions the lab leaves out: FROM (the machine's busybox stands in for the base), ARG and
 * LABEL (registry metadata), HEALTHCHECK (the lab's Engine 20.10 has no --start-interval, and
 * swarm holds a task out of `running` until its first probe passes: a whole interval).
 */
const skippedKeywords = new Set(['FROM', 'ARG', 'LABEL', 'HEALTHCHECK']);

export function dockerfileInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (pending === '' && /^\s*(#|$)/.test(line)) continue;
    if (/^\s*#/.test(line)) continue; // a comment inside a continued instruction
    const continued = /\\\s*$/.test(line);
    pending += `${continued ? line.replace(/\\\s*$/, '') : line} `;
    if (continued) continue;
    const match = /^\s*(\S+)\s+(.*?)\s*$/.exec(pending);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), argument: match[2]!.replace(/\s+/g, ' ') });
    pending = '';
  }
  return instructions;
}

export interface LabImagePlan {
  /** `COPY <folder>/ <target>/` lines: a folder of the build context and where it goes. */
  copies: { source: string; target: string }[];
  /** `docker import --change` values. */
  changes: string[];
}

export function labImagePlan(dockerfile: string, source: string): LabImagePlan {
  const plan: LabImagePlan = { copies: [], changes: [] };
  for (const { keyword, argument } of dockerfileInstructions(dockerfile)) {
    if (runtimeKeywords.has(keyword)) {
      plan.changes.push(`${keyword} ${argument}`);
    } else if (keyword === 'COPY') {
      const folders = /^(?!-)([\w.-]+)\/ (\/[\w./-]*)\/$/.exec(argument);
      if (!folders) throw unsupported(source, keyword, argument, 'the lab copies only a folder of the build context: COPY folder/ /target/');
      plan.copies.push({ source: folders[1]!, target: folders[2]! });
    } else if (!skippedKeywords.has(keyword)) {
      throw unsupported(source, keyword, argument, `the lab applies ${[...runtimeKeywords].join(', ')} and COPY of a folder`);
    }
  }
  return plan;
}

function unsupported(source: string, keyword: string, argument: string, rule: string): ToolkitError {
  return new ToolkitError(`${source}: the lab cannot build "${keyword} ${argument}": ${rule}`, 'lab-dockerfile-unsupported');
}
