// `npm run test:unit`: jest.config.js without the integration tier (jest.tiers.js).
import base from './jest.config.js';
import { integrationTests } from './jest.tiers.js';

export default { ...base, testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...integrationTests] };
