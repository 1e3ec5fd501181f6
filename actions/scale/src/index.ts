// Entry of actions/scale.
import '../../../src/actions/commonjs-globals.js';
import { scaleMain } from '../../../src/actions/scale.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => scaleMain());
