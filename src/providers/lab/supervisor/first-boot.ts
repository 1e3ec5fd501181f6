// What cloud-init does on a VM's first boot, done by the node's supervisor inside the node's
// private filesystem: write_files (content, mode, owner), the admin user with its authorized
// keys and groups, the pinned SSH host key. Runs once per node instance (a reimage starts over).
import { appendFile, chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand, tryCommand, type CommandResult } from '../host/command.js';
import type { CloudConfigPlan, FileToWrite, UserToCreate } from './cloud-config.js';

const sudoersDir = '/etc/sudoers.d';
const hostKeyDir = '/etc/ssh';

async function writeOne(file: FileToWrite): Promise<void> {
  await mkdir(dirname(file.path), { recursive: true, mode: 0o755 });
  const content = Buffer.from(file.contentBase64, 'base64');
  if (file.append) await appendFile(file.path, content, { mode: file.mode });
  else await writeFile(file.path, content, { mode: file.mode });
  await chmod(file.path, file.mode); // writeFile's mode applies to new files only, and through the umask
  await runCommand(['chown', file.owner, file.path]);
}

/**
 * groupadd, useradd and usermod lock /etc/passwd and /etc/group. The node's /etc is an overlay
 * of the machine's, so a lock that a process of the machine holds at that moment shows through
 * ("cannot lock /etc/passwd", seen once while another engineer's work ran): wait for it, bounded.
 */
async function runAccountCommand(argv: readonly string[]): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runCommand(argv);
    } catch (error) {
      if (attempt >= 40 || !/cannot lock/.test((error as Error).message)) throw error;
      await sleep(250);
    }
  }
}

async function ensureGroup(group: string): Promise<void> {
  if (!(await tryCommand(['getent', 'group', group]))) await runAccountCommand(['groupadd', '--system', group]);
}

/** Creates the user like cloud-init: home, shell, groups, sudo rule, authorized keys (plus `extraKeys`). */
async function createUser(user: UserToCreate, extraKeys: readonly string[]): Promise<void> {
  for (const group of user.groups) await ensureGroup(group);
  if (!(await tryCommand(['id', '-u', user.name]))) {
    await runAccountCommand(['useradd', '--create-home', ...(user.shell ? ['--shell', user.shell] : []), user.name]);
  }
  if (user.groups.length > 0) await runAccountCommand(['usermod', '--append', '--groups', user.groups.join(','), user.name]);
  if (user.sudo) {
    // an Ubuntu image has the folder from its sudo package; the machine under a lab may have no sudo at all
    await mkdir(sudoersDir, { recursive: true, mode: 0o750 });
    await writeFile(join(sudoersDir, `90-lab-${user.name}`), `${user.name} ${user.sudo}\n`, { mode: 0o440 });
  }
  const home = (await runCommand(['getent', 'passwd', user.name])).stdout.split(':')[5];
  const sshDir = join(home, '.ssh');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  await writeFile(join(sshDir, 'authorized_keys'), [...user.authorizedKeys, ...extraKeys].map((key) => `${key.trim()}\n`).join(''), { mode: 0o600 });
  await runCommand(['chown', '-R', `${user.name}:`, sshDir]);
}

async function installHostKeys(plan: CloudConfigPlan): Promise<void> {
  await mkdir(hostKeyDir, { recursive: true, mode: 0o755 });
  if (plan.deleteOldHostKeys) {
    for (const name of await readdir(hostKeyDir)) {
      if (name.startsWith('ssh_host_')) await rm(join(hostKeyDir, name), { force: true });
    }
  }
  for (const key of plan.hostKeys) {
    const path = join(hostKeyDir, `ssh_host_${key.type}_key`);
    await writeFile(path, key.privateKey.endsWith('\n') ? key.privateKey : `${key.privateKey}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    await writeFile(`${path}.pub`, `${key.publicKey.trim()}\n`, { mode: 0o644 });
  }
}

/** Applies the plan's files, users and host keys; `extraKeys` are authorized for every user. */
export async function applyFirstBoot(plan: CloudConfigPlan, extraKeys: readonly string[]): Promise<void> {
  for (const file of plan.files.filter((entry) => !entry.defer)) await writeOne(file);
  for (const user of plan.users) await createUser(user, extraKeys);
  await installHostKeys(plan);
  for (const file of plan.files.filter((entry) => entry.defer)) await writeOne(file);
}
