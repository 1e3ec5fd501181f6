// The toolkit's error family. Every error that reaches a user is one of these, so the CLI and
// the actions can print a message, a hint and (for Azure) a correlation id the same way.

export class ToolkitError extends Error {
  constructor(
    message: string,
    /** A short stable code for scripts and tests, e.g. `setting-invalid`, `lab-not-found`. */
    readonly code: string,
    /** What the user can do about it, when there is something to say. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting broke a rule. The message always names the setting and the rule. */
export class SettingError extends ToolkitError {
  constructor(
    readonly setting: string,
    readonly rule: string,
    readonly value?: unknown,
  ) {
    super(`${setting}: ${rule}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`, 'setting-invalid');
  }
}

/** Several settings broke rules: all are reported at once, before anything is created. */
export class SettingsError extends ToolkitError {
  constructor(readonly problems: readonly SettingError[]) {
    super(
      `invalid settings:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`,
      'settings-invalid',
    );
  }
}

/** Collects every problem of a set of settings (inputs, flags, environment variables) to report them all at once. */
export class SettingProblems {
  private readonly problems: SettingError[] = [];

  /** Runs one rule; a broken rule is collected and reads as undefined. */
  check<T>(rule: () => T): T | undefined {
    try {
      return rule();
    } catch (error) {
      if (error instanceof SettingsError) this.problems.push(...error.problems);
      else if (error instanceof SettingError) this.problems.push(error);
      else throw error;
      return undefined;
    }
  }

  /** `check` for a rule that must wait (reading a key file). */
  async checkAsync<T>(rule: () => Promise<T>): Promise<T | undefined> {
    try {
      return await rule();
    } catch (error) {
      return this.check(() => {
        throw error;
      });
    }
  }

  add(...problems: SettingError[]): void {
    this.problems.push(...problems);
  }

  /** The problems found so far, in the order the rules ran. */
  get all(): readonly SettingError[] {
    return this.problems;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new SettingsError(this.problems);
  }
}

/** Text of any thrown value: a thrown string or object must not vanish from the report. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
