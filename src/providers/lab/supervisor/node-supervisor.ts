// A lab node's init: the stand-in for the VM's systemd (and for apt's docker.io). It runs inside
// the node's namespaces (node-host.ts execs it) and boots the node the way a VM boots:
//   first boot: cloud-init's work (first-boot.ts) from the rendered cloud-config;
//   every boot: containerd (containerd.service), dockerd (docker.service), the lab images, sshd
//   on masters (ssh.service), then the units: on the first boot as runcmd's `systemctl` lines
//   say, later the enabled ones.
// SIGTERM is the VM's shutdown: units stop in reverse order (their ExecStop runs: an agent
// drains and leaves), then sshd, dockerd and containerd, then the supervisor exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../../../core/errors.js';
import { readJsonFile, writeJsonAtomic } from '../json-file.js';
import { waitForDocker } from '../host/docker-ping.js';
import { waitForContainerdSocket } from '../host/node-containerd.js';
import { labProcessCommand } from '../process-command.js';
import { runCommand } from '../host/command.js';
import { applyFirstBoot } from './first-boot.js';
import { nodeFiles, type InstalledUnits, type NodeBootPlan, type NodeStatus, type SupervisorPhase } from './boot-plan.js';
import type { CloudConfigPlan, RuncmdStep } from './cloud-config.js';
import { parseServiceUnit } from './unit-file.js';
import { UnitRunner } from './unit-runner.js';

const unitDir = '/etc/systemd/system';
const nodeSocket = '/run/docker.sock';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

/** A system daemon the supervisor keeps running (containerd, dockerd, sshd), restarted if it dies. */
class Daemon {
  private child?: ChildProcess;
  private stopping = false;

  constructor(private readonly name: string, private readonly argv: string[], private readonly env: NodeJS.ProcessEnv, private readonly logFile: string) {}

  start(): void {
    const fd = openSync(this.logFile, 'a', 0o600);
    const child = spawn(this.argv[0], this.argv.slice(1), { stdio: ['ignore', fd, fd], env: this.env });
    this.child = child;
    child.on('error', (error) => log(`${this.name}: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      log(`${this.name} exited (${signal ?? `code ${code}`}); restarting in 2 s`);
      setTimeout(() => !this.stopping && this.start(), 2_000);
    });
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

class NodeSupervisor {
  private phase: SupervisorPhase = 'booting';
  private error?: string;
  private readonly runner: UnitRunner;
  private readonly daemons: Daemon[] = [];
  private statusWrite: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string, private readonly plan: NodeBootPlan) {
    this.runner = new UnitRunner({
      logDir: nodeFiles.logDir(dir),
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: '/root' },
      onChange: () => this.publish(),
      log,
      maxStopSeconds: plan.maxStopSeconds,
    });
  }

  /** Writes status.json (serialised, so the last state always wins). */
  publish(): void {
    const status: NodeStatus = { phase: this.phase, pid: process.pid, units: this.runner.status(), updatedAt: new Date().toISOString(), ...(this.error ? { error: this.error } : {}) };
    this.statusWrite = this.statusWrite.then(() => writeJsonAtomic(nodeFiles.status(this.dir), status)).catch((error) => log(`status: ${describeError(error)}`));
  }

  private setPhase(phase: SupervisorPhase): void {
    this.phase = phase;
    log(`phase ${phase}`);
    this.publish();
  }

  private get stopping(): boolean {
    return this.phase === 'stopping' || this.phase === 'stopped';
  }

  private startDaemon(name: string, argv: string[], env: NodeJS.ProcessEnv = {}): void {
    if (this.stopping) return; // a shutdown arrived during the boot
    const daemon = new Daemon(name, argv, { PATH: process.env.PATH, LANG: 'C.UTF-8', ...env }, join(nodeFiles.logDir(this.dir), `${name}.log`));
    daemon.start();
    this.daemons.push(daemon);
  }

  async boot(): Promise<void> {
    this.publish();
    const firstBoot = !existsSync(nodeFiles.instanceDone(this.dir));
    const cloudConfig = firstBoot ? await readJsonFile<CloudConfigPlan>(nodeFiles.cloudConfigPlan(this.dir)) : undefined;
    if (firstBoot && !cloudConfig) throw new Error(`${nodeFiles.cloudConfigPlan(this.dir)} is missing`);
    if (cloudConfig) {
      for (const note of cloudConfig.notes) log(`cloud-config: ${note}`);
      await applyFirstBoot(cloudConfig, this.plan.extraAuthorizedKeys);
      const installed = cloudConfig.files.map((file) => file.path).filter((path) => dirname(path) === unitDir && path.endsWith('.service'));
      await this.saveUnits({ installed: installed.map((path) => basename(path)), enabled: [] });
    }
    const { containerd } = this.plan;
    await writeFile(containerd.configPath, containerd.config);
    this.startDaemon('containerd', containerd.argv, containerd.env);
    await waitForContainerdSocket(60_000);
    this.startDaemon('docker', this.plan.dockerd.argv, this.plan.dockerd.env);
    await waitForDocker(nodeSocket, 60_000);
    log('dockerd answers');
    if (this.plan.loadImages) {
      await this.loadImages();
      await writeFile(nodeFiles.imagesKey(this.dir), this.plan.imagesKey);
      log('lab images imported');
    }
    if (this.plan.sshd) await this.startSshd();
    await this.loadUnits();
    if (cloudConfig) {
      for (const step of cloudConfig.runcmd) await this.runcmd(step);
      await writeFile(nodeFiles.instanceDone(this.dir), `${new Date().toISOString()}\n`);
    } else {
      await this.runner.start(await this.enabledUnits());
    }
    if (!this.stopping) this.setPhase('running');
  }

  /** In a short-lived child process, so that the image code never weighs on the supervisor. */
  private async loadImages(): Promise<void> {
    const { argv, env } = labProcessCommand('image-loader', nodeSocket);
    const fd = openSync(join(nodeFiles.logDir(this.dir), 'images.log'), 'a', 0o600);
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`loading the lab images failed (see ${join(nodeFiles.logDir(this.dir), 'images.log')})`);
  }

  private async startSshd(): Promise<void> {
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    this.startDaemon('sshd', [
      '/usr/sbin/sshd', '-D', '-e',
      '-h', '/etc/ssh/ssh_host_ed25519_key',
      '-o', `ListenAddress=${this.plan.address}`,
      '-o', 'PidFile=/run/sshd.pid',
      '-o', 'PermitRootLogin=no',
      '-o', 'PasswordAuthentication=no',
      '-o', 'KbdInteractiveAuthentication=no',
      '-o', 'AuthenticationMethods=publickey',
    ]);
  }

  private async units(): Promise<InstalledUnits> {
    return (await readJsonFile<InstalledUnits>(nodeFiles.units(this.dir))) ?? { installed: [], enabled: [] };
  }

  private saveUnits(units: InstalledUnits): Promise<void> {
    return writeJsonAtomic(nodeFiles.units(this.dir), units);
  }

  /**
   * The .service units cloud-config wrote (the machine's own units, visible through the /etc
   * overlay, are not the node's); .mount units (the file share) are not run in the lab.
   */
  private async loadUnits(): Promise<void> {
    for (const name of (await this.units()).installed) {
      this.runner.add(parseServiceUnit(name, await readFile(join(unitDir, name), 'utf8')));
    }
  }

  private async enabledUnits(): Promise<string[]> {
    return (await this.units()).enabled.filter((name) => this.runner.has(name));
  }

  private async runcmd(step: RuncmdStep): Promise<void> {
    if (step.kind === 'skipped') return;
    if (step.kind === 'command') {
      log(`runcmd: ${step.argv.join(' ')}`);
      const { stdout, stderr } = await runCommand(step.argv, { timeoutMs: 300_000 });
      if (stdout || stderr) log(`runcmd output: ${stdout}${stderr}`.trim());
      return;
    }
    const units = step.units.filter((name) => this.runner.has(name));
    for (const skipped of step.units.filter((name) => !this.runner.has(name))) log(`systemctl ${step.action} ${skipped}: not a service the lab runs`);
    if (step.action === 'enable' || step.action === 'disable') {
      const current = await this.units();
      const others = current.enabled.filter((name) => !units.includes(name));
      await this.saveUnits({ ...current, enabled: step.action === 'enable' ? [...others, ...units] : others });
    }
    // --no-block: systemctl returns at once and the units start in the background
    if (step.action === 'start' || step.action === 'restart' || (step.action === 'enable' && step.now)) void this.runner.start(units);
  }

  async shutdown(): Promise<void> {
    this.setPhase('stopping');
    await this.runner.stopAll();
    for (const daemon of [...this.daemons].reverse()) await daemon.stop(30_000);
    this.setPhase('stopped');
    await this.statusWrite;
  }

  fail(error: unknown): void {
    if (this.stopping) return;
    this.error = describeError(error);
    log(`boot failed: ${this.error}`);
    this.setPhase('failed');
  }
}

/** The node supervisor's main (AZSWARM_LAB_PROCESS=node-supervisor); `dir` is the node's folder. */
export async function runNodeSupervisor(dir: string): Promise<void> {
  const plan = await readJsonFile<NodeBootPlan>(nodeFiles.bootPlan(dir));
  if (!plan) throw new Error(`${nodeFiles.bootPlan(dir)} is missing`);
  const supervisor = new NodeSupervisor(dir, plan);
  const shutdownRequested = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.on('SIGHUP', () => undefined);
  // A failed boot leaves the node up (like a VM whose cloud-init failed) for inspection.
  void supervisor.boot().catch((error: unknown) => supervisor.fail(error));
  await shutdownRequested;
  await supervisor.shutdown();
  await sleep(0);
}
