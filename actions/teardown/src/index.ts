// Entry of actions/teardown.
import { teardownMain } from '../../../src/actions/teardown.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => teardownMain());
