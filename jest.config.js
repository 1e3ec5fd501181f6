// Tests are compiled by `tsc` into build/ first (npm test does it), so jest runs plain ESM
// JavaScript and needs no transformer; the typecheck is the build itself.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test'],
  testMatch: ['**/*.test.js'],
  // The lab fault suite runs on its own (`npm run test:faults`): minutes of a real swarm's faults;
  // so do the workflows executed on real labs (`npm run test:workflows`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/build/test/faults/', '<rootDir>/build/test/workflows-lab/'],
  transform: {},
  testTimeout: 120_000,
  // Lab and sshd tests share one machine's network and docker daemons: keep files serial.
  maxWorkers: 1,
};
