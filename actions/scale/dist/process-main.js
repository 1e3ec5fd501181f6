// The lean entry of the lab's own processes (see process-entry.ts): nothing else is loaded.
import { runLabProcessIfRequested } from './process-entry.js';
if (!(await runLabProcessIfRequested())) {
    process.stderr.write('process-main.js only runs lab processes (AZSWARM_LAB_PROCESS is not set)\n');
    process.exitCode = 2;
}
//# sourceMappingURL=process-main.js.map