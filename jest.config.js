// Tests are compiled by `tsc` into build/ first (npm test does it), so jest runs plain ESM
// JavaScript and needs no transformer; the typecheck is the build itself.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test'],
  testMatch: ['**/*.test.js'],
  // The lab fault suite runs on its own (`npm run test:faults`): minutes of a real swarm's faults;
  // so do the 100-agent ARM suite (half a minute of ARM's throttling refill rates) and the workflows
  // executed on real labs (`npm run test:workflows`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/build/test/faults/', '<rootDir>/build/test/azure/scale.test.js', '<rootDir>/build/test/workflows-lab/'],
  transform: {},
  testTimeout: 120_000,
  // Two files at once: lab files mostly wait on their swarms. Every lab a test creates has a name
  // unique to its process (netns/cgroup names are machine-wide), a subnet and bridge of its own
  // (createLabNetwork) and a temporary lab root; listeners use free ports.
  maxWorkers: 2,
};
