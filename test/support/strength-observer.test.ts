// The shortfall measure the chaos benchmark holds against its budget, on a made-up timeline.
import { longestServiceShortfallMs, type StrengthSample } from './strength-observer.js';

const sample = (at: number, ...short: string[]): StrengthSample => ({ startedAt: at, endedAt: at + 50, short });

test('a shortfall runs from the last whole sample before it to the first whole one after it; the longest counts', () => {
  const samples = [
    sample(0),
    sample(1_000, 'node agent1'),
    sample(2_000, 'service web 1/4'),
    sample(3_000, 'service web 2/4', 'service api 0/1'),
    sample(4_000, 'service api 0/1'),
    sample(5_000),
  ];
  // web: from 1,000 (whole) to 4,050 (whole again); api: from 2,000 to 5,050.
  expect(longestServiceShortfallMs(samples)).toBe(3_050);
});

test('a shortfall open at the end runs to the last sample; an unreachable swarm counts; nodes alone do not', () => {
  expect(longestServiceShortfallMs([sample(0), sample(1_000, 'service web 1/4'), sample(2_000, 'service web 1/4')])).toBe(2_050);
  expect(longestServiceShortfallMs([sample(0), sample(1_000, 'swarm unreachable: ssh failed'), sample(2_000)])).toBe(2_050);
  expect(longestServiceShortfallMs([sample(0), sample(1_000, 'node agent1'), sample(2_000)])).toBe(0);
  expect(longestServiceShortfallMs([])).toBe(0);
});
