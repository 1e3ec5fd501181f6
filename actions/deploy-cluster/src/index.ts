// Entry of actions/deploy-cluster (main and post share this bundle).
import '../../../src/actions/commonjs-globals.js';
import { deployClusterMain } from '../../../src/actions/deploy-cluster.js';
import { runAction } from '../../../src/actions/run.js';

await runAction(() => deployClusterMain());
