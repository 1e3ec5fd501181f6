// The lab's stand-in for systemd's service manager, for the units the node software ships:
// After= ordering (start after, stop before), Wants=/Requires= pull-in, Type=simple/exec
// (active once spawned) and oneshot (active when done, with RemainAfterExit), Restart=always /
// on-failure after RestartSec (with systemd's default start limit: 5 starts in 10 s), ExecStop
// on stop (with MAINPID, bounded by TimeoutStopSec), then SIGTERM and SIGKILL of the main
// process. Each unit's output goes to its own log file (the journal's stand-in).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecLine, ServiceUnit } from './unit-file.js';

export type UnitState = 'inactive' | 'activating' | 'active' | 'deactivating' | 'failed';

export interface UnitStatus {
  state: UnitState;
  pid?: number;
  restarts: number;
}

interface Runtime {
  unit: ServiceUnit;
  state: UnitState;
  /** The running main process (simple/exec) or the running ExecStart command (oneshot). */
  child?: ChildProcess;
  restarts: number;
  startTimes: number[];
  restartTimer?: NodeJS.Timeout;
  started?: Promise<void>;
  stopped?: Promise<void>;
  logFd: number;
}

export interface UnitRunnerOptions {
  logDir: string;
  env: NodeJS.ProcessEnv;
  /** Called whenever a unit changes state (the supervisor publishes its status). */
  onChange: () => void;
  /** One line for the supervisor's own log. */
  log: (line: string) => void;
  /** Upper bound on any one stop step, whatever the unit says (keeps node shutdown bounded). */
  maxStopSeconds: number;
}

const startLimit = { burst: 5, intervalMs: 10_000 };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function exited(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

export class UnitRunner {
  private readonly runtimes = new Map<string, Runtime>();
  private shuttingDown = false;

  constructor(private readonly options: UnitRunnerOptions) {}

  add(unit: ServiceUnit): void {
    const logFd = openSync(join(this.options.logDir, `${unit.name}.log`), 'a', 0o600);
    this.runtimes.set(unit.name, { unit, state: 'inactive', restarts: 0, startTimes: [], logFd });
  }

  has(name: string): boolean {
    return this.runtimes.has(name);
  }

  status(): Record<string, UnitStatus> {
    return Object.fromEntries([...this.runtimes].map(([name, runtime]) => [name, { state: runtime.state, pid: runtime.child?.pid, restarts: runtime.restarts }]));
  }

  /** Starts the units (and those they want) in After= order; resolves when all are started. */
  async start(names: readonly string[]): Promise<void> {
    await Promise.all(names.map((name) => this.startJob(name)));
  }

  private startJob(name: string): Promise<void> {
    const runtime = this.runtimes.get(name);
    if (!runtime) return Promise.resolve(); // docker.service, network-online.target: the lab provides them
    runtime.started ??= (async () => {
      for (const wanted of runtime.unit.wants) void this.startJob(wanted);
      await Promise.resolve(); // lets every job of this start() register before After= is read
      await Promise.all(runtime.unit.after.filter((dep) => this.runtimes.get(dep)?.started).map((dep) => this.startJob(dep)));
      await this.activate(runtime);
    })();
    return runtime.started;
  }

  private setState(runtime: Runtime, state: UnitState): void {
    runtime.state = state;
    this.options.log(`${runtime.unit.name}: ${state}`);
    this.options.onChange();
  }

  private spawnLine(runtime: Runtime, line: ExecLine, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
    // prlimit sets LimitNOFILE= on itself, then execs the command: the pid stays the service's.
    const limit = runtime.unit.fileLimit;
    const argv = limit ? ['prlimit', `--nofile=${limit.soft}:${limit.hard}`, '--', ...line.argv] : line.argv;
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', runtime.logFd, runtime.logFd],
      env: { ...this.options.env, ...runtime.unit.environment, ...extraEnv },
    });
    child.on('error', (error) => this.options.log(`${runtime.unit.name}: ${line.argv[0]}: ${error.message}`));
    return child;
  }

  private async activate(runtime: Runtime): Promise<void> {
    if (this.shuttingDown) return;
    runtime.startTimes = [...runtime.startTimes.filter((time) => Date.now() - time < startLimit.intervalMs), Date.now()];
    if (runtime.startTimes.length > startLimit.burst) {
      this.options.log(`${runtime.unit.name}: start request repeated too quickly`);
      this.setState(runtime, 'failed');
      return;
    }
    this.setState(runtime, 'activating');
    if (runtime.unit.type === 'oneshot') await this.runOneshot(runtime);
    else this.runMain(runtime);
  }

  private async runOneshot(runtime: Runtime): Promise<void> {
    for (const line of runtime.unit.execStart) {
      runtime.child = this.spawnLine(runtime, line);
      const exit = await exited(runtime.child);
      runtime.child = undefined;
      if (runtime.state !== 'activating') return; // stopped meanwhile
      if (exit.code !== 0 && !line.ignoreFailure) {
        this.setState(runtime, 'failed');
        return;
      }
    }
    this.setState(runtime, runtime.unit.remainAfterExit ? 'active' : 'inactive');
  }

  private runMain(runtime: Runtime): void {
    const child = this.spawnLine(runtime, runtime.unit.execStart[0]);
    runtime.child = child;
    this.setState(runtime, 'active');
    void exited(child).then((exit) => this.mainExited(runtime, child, exit));
  }

  private mainExited(runtime: Runtime, child: ChildProcess, exit: Exit): void {
    if (runtime.child !== child) return;
    runtime.child = undefined;
    if (runtime.state !== 'active') return; // a stop is in progress and handles the state
    const failed = exit.code !== 0;
    this.options.log(`${runtime.unit.name}: main process exited (${exit.signal ?? `code ${exit.code}`})`);
    const policy = runtime.unit.restart;
    if (!this.shuttingDown && (policy === 'always' || (policy === 'on-failure' && failed))) {
      runtime.restarts++;
      this.setState(runtime, 'activating');
      runtime.restartTimer = setTimeout(() => void this.activate(runtime), runtime.unit.restartSeconds * 1000);
      return;
    }
    // As systemd: a clean exit with RemainAfterExit=yes leaves the unit active (exited), so its ExecStop still runs on stop.
    this.setState(runtime, failed ? 'failed' : runtime.unit.remainAfterExit ? 'active' : 'inactive');
  }

  /** Stops every started unit, each after the units ordered after it (shutdown order). */
  async stopAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.runtimes.keys()].map((name) => this.stopJob(name)));
  }

  private stopJob(name: string): Promise<void> {
    const runtime = this.runtimes.get(name);
    if (!runtime) return Promise.resolve();
    runtime.stopped ??= (async () => {
      const dependents = [...this.runtimes.values()].filter((other) => other.unit.after.includes(name));
      await Promise.all(dependents.map((other) => this.stopJob(other.unit.name)));
      await this.deactivate(runtime);
    })();
    return runtime.stopped;
  }

  private async deactivate(runtime: Runtime): Promise<void> {
    clearTimeout(runtime.restartTimer);
    if (runtime.state === 'inactive' || runtime.state === 'failed') return;
    const wasActive = runtime.state === 'active';
    const mainPid = runtime.child?.pid;
    this.setState(runtime, 'deactivating');
    const limitMs = Math.min(runtime.unit.stopTimeoutSeconds, this.options.maxStopSeconds) * 1000;
    if (wasActive) {
      for (const line of runtime.unit.execStop) {
        const stop = this.spawnLine(runtime, line, mainPid === undefined ? {} : { MAINPID: String(mainPid) });
        if (!(await this.exitsWithin(stop, limitMs))) this.options.log(`${runtime.unit.name}: ExecStop timed out`);
      }
    }
    if (runtime.child) await this.terminate(runtime.child, limitMs);
    runtime.child = undefined;
    this.setState(runtime, 'inactive');
  }

  /** Waits for a child up to `limitMs`, then SIGKILLs it; true when it exited by itself. */
  private async exitsWithin(child: ChildProcess, limitMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
    const result = await Promise.race([exited(child), timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return true;
    child.kill('SIGKILL');
    await exited(child);
    return false;
  }

  private async terminate(child: ChildProcess, limitMs: number): Promise<void> {
    child.kill('SIGTERM');
    await this.exitsWithin(child, limitMs);
  }
}
