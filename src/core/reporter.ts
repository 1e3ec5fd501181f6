// The core never prints: it talks to a Reporter that the CLI (terminal or plain lines) or an
// action (the runner's log commands, groups and masks: src/actions/workflow-commands.ts) implements.

export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /**
   * Runs one phase of a long operation with a status line: started, then done (with its
   * duration) or failed. The result or the error passes through unchanged.
   */
  phase<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Registers a secret so that no later output shows it. Call before anything could print it. */
  secret(value: string): void;
}

/** A Reporter that drops everything: for library callers and tests that assert results only. */
export const silentReporter: Reporter = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  phase: (_title, work) => work(),
  secret: () => undefined,
};
