// Entry of actions/teardown.
import '../../../src/actions/commonjs-globals.js';
import { teardownMain } from '../../../src/actions/teardown.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => teardownMain());
