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
