// Process identity and bounded stopping. A pid alone is not an identity (pids are reused), so
// every pid the lab records travels with the process's start time from /proc/PID/stat; a
// recorded process is only signalled while both still match.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessRecord {
  pid: number;
  /** Field 22 of /proc/PID/stat (clock ticks since boot): distinguishes a reused pid. */
  startTime: string;
}

/** The start time of a live process, or undefined when it is gone (or a zombie). */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

export async function recordProcess(pid: number): Promise<ProcessRecord> {
  const startTime = await processStartTime(pid);
  if (startTime === undefined) throw new Error(`process ${pid} exited before it could be recorded`);
  return { pid, startTime };
}

export async function isAlive(record: ProcessRecord): Promise<boolean> {
  return (await processStartTime(record.pid)) === record.startTime;
}

/** Sends a signal only if the pid still belongs to the recorded process. */
export async function signalProcess(record: ProcessRecord, signal: NodeJS.Signals): Promise<boolean> {
  if (!(await isAlive(record))) return false;
  try {
    process.kill(record.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Waits until the process is gone; true when it went within the time given. */
export async function waitForExit(record: ProcessRecord, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(record)) {
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

/** SIGTERM, a bounded wait, then SIGKILL: the process is gone when this resolves. */
export async function stopProcess(record: ProcessRecord, graceMs: number): Promise<void> {
  if (!(await signalProcess(record, 'SIGTERM'))) return;
  if (await waitForExit(record, graceMs)) return;
  await signalProcess(record, 'SIGKILL');
  await waitForExit(record, 5_000);
}
