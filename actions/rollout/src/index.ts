// Entry of actions/rollout.
import { rolloutMain } from '../../../src/actions/rollout.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => rolloutMain());
