// The lab's long-lived processes (one supervisor per node, one lab daemon per lab) must outlive
// the command that created them, and must start from wherever the toolkit runs: the CLI under
// build/, or an ncc-bundled action where only dist/index.js exists. So they are started by
// re-executing an entry of the toolkit with AZSWARM_LAB_PROCESS set, and every entry point
// calls runLabProcessIfRequested() before anything else.
import { ToolkitError } from '../../core/errors.js';
import { labProcessDirVariable, labProcessVariable } from './process-command.js';

/**
 * Runs the lab process the environment asks for and resolves true when it has finished (the
 * caller then exits); resolves false at once for a normal start.
 */
export async function runLabProcessIfRequested(): Promise<boolean> {
  const kind = process.env[labProcessVariable];
  if (kind === undefined) return false;
  const dir = process.env[labProcessDirVariable];
  if (!dir) throw new ToolkitError(`${labProcessDirVariable} is not set for ${kind}`, 'lab-process-invalid');
  // Children of the lab process (dockerd, units) must not inherit the marker.
  delete process.env[labProcessVariable];
  delete process.env[labProcessDirVariable];
  if (kind === 'node-supervisor') {
    const { runNodeSupervisor } = await import('./supervisor/node-supervisor.js');
    await runNodeSupervisor(dir);
  } else if (kind === 'image-loader') {
    // a short-lived child of a node's supervisor: the image code stays out of the supervisor's memory
    const { loadLabImages } = await import('./images.js');
    await loadLabImages(dir);
  } else if (kind === 'lab-daemon') {
    const { runLabDaemon } = await import('./daemon/server.js');
    await runLabDaemon(dir);
  } else if (kind === 'lab-elevated') {
    // the lab's privileged part for a caller that is not root (started through sudo -n)
    const { runElevatedRequest } = await import('./elevated-server.js');
    await runElevatedRequest();
  } else {
    throw new ToolkitError(`${labProcessVariable}=${kind} is not a lab process (node-supervisor, lab-daemon, image-loader, lab-elevated)`, 'lab-process-invalid');
  }
  return true;
}
