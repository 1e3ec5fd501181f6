// The CLI's Reporter: one status line per phase (✓/✗ and its duration), a spinner and colour
// only when stderr is a terminal (and colour only without NO_COLOR), plain lines otherwise (CI
// logs, pipes). Every line it writes, to stderr or stdout, passes through the secret masker first.
import type { Reporter } from '../core/reporter.js';
import { describeError } from '../core/errors.js';

export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Replaces registered secrets (and their lines and JSON-escaped forms) with `***`. */
export class SecretMasker {
  private readonly patterns = new Set<string>();

  add(secret: string): void {
    // Very short values would blank out ordinary text and protect nothing.
    const minimum = 6;
    const forms = [secret, JSON.stringify(secret).slice(1, -1), ...secret.split(/\r?\n/).map((line) => line.trim())];
    for (const form of forms) if (form.length >= minimum) this.patterns.add(form);
  }

  mask(text: string): string {
    // Longest first, so a whole key is replaced before any of its lines.
    const patterns = [...this.patterns].sort((a, b) => b.length - a.length);
    return patterns.reduce((masked, pattern) => masked.split(pattern).join('***'), text);
  }
}

/**
 * Colour on stderr: a terminal only, and never when NO_COLOR is set to anything but ''
 * (https://no-color.org).
 */
export function colourWanted(stream: TextSink, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}

const colours = { red: 31, green: 32, yellow: 33 } as const;
type Colour = keyof typeof colours;

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const spinnerIntervalMs = 120;

export function formatDuration(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

export class TerminalReporter implements Reporter {
  readonly masker = new SecretMasker();
  private readonly active: string[] = [];
  private spinner?: NodeJS.Timeout;
  private frame = 0;

  constructor(
    private readonly stderr: TextSink,
    private readonly stdout: TextSink,
    private readonly verbose = false,
    private readonly colour = colourWanted(stderr),
  ) {}

  info(message: string): void {
    this.line(message);
  }

  warn(message: string): void {
    this.line(message, { prefix: 'warning:', colour: 'yellow' });
  }

  /** The CLI's last word on a failure: `error: ...` (red on a terminal). */
  error(message: string): void {
    this.line(message, { prefix: 'error:', colour: 'red' });
  }

  debug(message: string): void {
    if (this.verbose) this.line(`debug: ${message}`);
  }

  secret(value: string): void {
    this.masker.add(value);
  }

  /** Result text for the user, on stdout. */
  out(text: string): void {
    this.stdout.write(`${this.masker.mask(text)}\n`);
  }

  async phase<T>(title: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    this.active.push(title);
    if (this.stderr.isTTY === true) this.startSpinner();
    else this.line(`… ${title}`);
    try {
      const result = await work();
      this.finish(title, `${title} (${formatDuration(Date.now() - started)})`, { prefix: '✓', colour: 'green' });
      return result;
    } catch (error) {
      this.finish(title, `${title} (${formatDuration(Date.now() - started)}): ${describeError(error)}`, { prefix: '✗', colour: 'red' });
      throw error;
    }
  }

  /**
   * A line on stderr, after its prefix (coloured when colour is on); on a terminal the spinner
   * line is cleared first and redrawn after. Masking comes before colouring, so escape codes
   * never split a secret.
   */
  line(text: string, marker?: { prefix: string; colour: Colour }): void {
    this.clearSpinnerLine();
    const prefix = marker === undefined ? '' : `${this.colour ? `\x1b[${colours[marker.colour]}m${marker.prefix}\x1b[0m` : marker.prefix} `;
    this.stderr.write(`${prefix}${this.masker.mask(text)}\n`);
    this.drawSpinner();
  }

  private finish(title: string, text: string, marker: { prefix: string; colour: Colour }): void {
    this.active.splice(this.active.lastIndexOf(title), 1);
    if (this.active.length === 0) this.stopSpinner();
    this.line(text, marker);
  }

  private startSpinner(): void {
    if (this.spinner !== undefined) return;
    this.spinner = setInterval(() => {
      this.frame = (this.frame + 1) % spinnerFrames.length;
      this.clearSpinnerLine();
      this.drawSpinner();
    }, spinnerIntervalMs);
    // A spinner must never keep the process alive.
    this.spinner.unref();
    this.drawSpinner();
  }

  private stopSpinner(): void {
    this.clearSpinnerLine();
    clearInterval(this.spinner);
    this.spinner = undefined;
  }

  private drawSpinner(): void {
    const title = this.active.at(-1);
    if (this.spinner !== undefined && title !== undefined) {
      this.stderr.write(`${spinnerFrames[this.frame]} ${this.masker.mask(title)}`);
    }
  }

  private clearSpinnerLine(): void {
    if (this.spinner !== undefined) this.stderr.write('\r\x1b[2K');
  }
}
