// Whether this process may change the machine itself (root) or must ask `sudo -n` for the lab's
// privileged part (GitHub's ubuntu-24.04 runners: the unprivileged user `runner` with
// passwordless sudo). Checked once per process, before the lab creates or removes anything.
import { ToolkitError } from '../../../core/errors.js';
import { runCommand } from './command.js';

export type LabPrivilege = 'root' | 'sudo';

let checked: Promise<LabPrivilege> | undefined;

async function check(): Promise<LabPrivilege> {
  if (process.getuid?.() === 0) return 'root';
  try {
    // -n: never prompt; a password prompt would hang a CI job
    await runCommand(['sudo', '-n', 'true'], { timeoutMs: 20_000 });
    return 'sudo';
  } catch (error) {
    const why = (error as { code?: string }).code === 'ENOENT' ? 'sudo is not installed' : String((error as Error).message).replace(/^sudo -n true failed: /, '');
    throw new ToolkitError(
      `the lab needs root: it creates network namespaces, a bridge, an iptables rule and cgroups, and runs a dockerd per node; this user (uid ${process.getuid?.()}) is not root and passwordless sudo is not available (sudo -n true: ${why})`,
      'lab-needs-root',
      'run as root, or give this user passwordless sudo (e.g. a line `USER ALL=(ALL) NOPASSWD:ALL` in /etc/sudoers.d/), as GitHub\'s hosted runners have',
      { cause: error },
    );
  }
}

/** 'root' when this process is root, 'sudo' when `sudo -n` works; else a clear `lab-needs-root` error. */
export function labPrivilege(): Promise<LabPrivilege> {
  checked ??= check();
  return checked;
}
