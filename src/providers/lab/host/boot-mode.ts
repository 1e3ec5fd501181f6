// How a lab's nodes boot, chosen when the lab is created (AZSWARM_LAB_BOOT) and kept in its
// state, so that later commands (scale, restart, reimage) boot the same kind of node:
//   emulated — the toolkit's stand-ins for systemd and cloud-init over the machine's own files
//              (supervisor/), the default while the real boot proves itself on every lab test;
//   systemd  — the node image with real systemd as PID 1 and real cloud-init (host/).
import { ToolkitError } from '../../../core/errors.js';

export type LabBootMode = 'emulated' | 'systemd';

export const labBootVariable = 'AZSWARM_LAB_BOOT';
const modes: LabBootMode[] = ['emulated', 'systemd'];

export function labBootMode(env: NodeJS.ProcessEnv = process.env): LabBootMode {
  const value = env[labBootVariable]?.trim();
  if (value === undefined || value === '') return 'emulated';
  if (!(modes as string[]).includes(value)) {
    throw new ToolkitError(`${labBootVariable} must be one of ${modes.join(', ')} (got "${value}")`, 'setting-invalid');
  }
  return value as LabBootMode;
}
