// `npm run test:integration`: only the integration tier (jest.tiers.js) of jest.config.js, which
// refuses to start without root (scripts/jest-require-root.mjs) instead of skipping.
import base from './jest.config.js';
import { integrationTests } from './jest.tiers.js';

export default { ...base, testMatch: undefined, testRegex: integrationTests, globalSetup: '<rootDir>/scripts/jest-require-root.mjs' };
