// The polling primitives every wait of the operations is built on: a deadline that names what was
// missing, and the stability window that looks throughout instead of only at its two ends.
import { staysDone, waitFor, type Progress } from '../../src/operations/wait.js';

/** A check that answers the scripted states in turn (the last one for ever), noting when each call started. */
function scripted(states: boolean[]) {
  const calls: number[] = [];
  const check = async (): Promise<Progress<number>> => {
    calls.push(Date.now());
    const done = states[Math.min(calls.length - 1, states.length - 1)];
    return { done, value: calls.length, missing: done ? '' : `short at call ${calls.length}` };
  };
  return { check, calls };
}

test('a wait ends with the first check that is done, and a timeout names what was still missing', async () => {
  const converging = scripted([false, false, true]);
  await expect(waitFor('services', converging.check, { timeoutMs: 5_000, intervalMs: 10 })).resolves.toBe(3);

  const never = scripted([false]);
  await expect(waitFor('services', never.check, { timeoutMs: 50, intervalMs: 10 })).rejects.toThrow(/waiting for services: short at call \d+/);
});

test('the window reports a break that mended before its end, which a look at its two ends would miss', async () => {
  const flapping = scripted([true, false, true]);
  const outcome = await staysDone(flapping.check, Date.now() + 300, 50);
  expect(outcome).toMatchObject({ done: false, missing: 'short at call 2' });
  expect(flapping.calls).toHaveLength(2);
});

test('a window that holds ends with a look that starts no earlier than its end', async () => {
  const steady = scripted([true]);
  const until = Date.now() + 300;
  const outcome = await staysDone(steady.check, until, 100);
  expect(outcome.done).toBe(true);
  expect(steady.calls.at(-1)).toBeGreaterThanOrEqual(until);
  expect(steady.calls.length).toBeGreaterThanOrEqual(3);
});

test('an empty window is one look', async () => {
  const steady = scripted([true]);
  await expect(staysDone(steady.check, Date.now(), 1_000)).resolves.toMatchObject({ done: true, value: 1 });
});
