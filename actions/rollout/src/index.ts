// Entry of actions/rollout.
import '../../../src/actions/commonjs-globals.js';
import { rolloutMain } from '../../../src/actions/rollout.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => rolloutMain());
