// The end of a lab process's log, quoted in the error when that process dies while starting:
// the reason is nearly always in its last lines.
import { readFile } from 'node:fs/promises';

/** Lines quoted from a log: enough for an error and the head of its stack trace. */
const quotedLogLines = 12;

/** The last `lines` lines of a log's text. */
export function lastLines(text: string, lines = quotedLogLines): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The last `lines` lines of a log file (a placeholder when there is none yet). */
export async function readLogTail(file: string, lines = quotedLogLines): Promise<string> {
  const tail = lastLines(await readFile(file, 'utf8').catch(() => ''), lines);
  return tail === '' ? '(the log is empty)' : tail;
}
