// runUntilInterrupted: the Ctrl-C loop of the long-running commands (logs --follow), in one place.
import { runUntilInterrupted } from '../../src/cli/interrupt.js';

const listeners = () => ({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') });

it('hands the work the first SIGINT or SIGTERM, and removes its handlers when the work ends', async () => {
  const before = listeners();
  const ended = runUntilInterrupted(async (interrupted) => {
    expect(listeners()).toEqual({ SIGINT: before.SIGINT + 1, SIGTERM: before.SIGTERM + 1 });
    return `stopped by ${await interrupted}`;
  });
  process.emit('SIGTERM');
  expect(await ended).toBe('stopped by SIGTERM');
  expect(listeners()).toEqual(before);
});

it('returns what the work returns when it ends by itself, and removes its handlers when it fails', async () => {
  const before = listeners();
  expect(await runUntilInterrupted((interrupted) => Promise.race([Promise.resolve('done'), interrupted]))).toBe('done');
  expect(listeners()).toEqual(before);
  await expect(runUntilInterrupted(() => Promise.reject(new Error('reader failed')))).rejects.toThrow('reader failed');
  expect(listeners()).toEqual(before);
});
