/**
 * What the query commands (search, article, troubleshoot) promise a script: results on stdout, errors on
 * stderr, an exit code that says what happened, and with --json nothing but JSON on stdout, errors included.
 */
import type { Command } from 'commander';
import { KbError } from '../errors.js';

/** Exit codes, for scripts. */
export const EXIT = {
  /** Something was found (an article, hits, a diagnosis that explains the paste). */
  found: 0,
  /** Nothing was found; for troubleshoot, nothing explains the paste. */
  nothing: 1,
  /** The command was used wrongly (an unknown option, a bad value, no query). */
  usage: 2,
  /** There is nothing to ask: no saved index under DATA_DIR yet, or no server answering at the URL given. */
  unavailable: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends a command with its own exit code. */
export class CommandError extends KbError {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where a command writes; the real streams, or others in tests. */
export interface Output {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function processOutput(json: boolean): Output {
  return { json, out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'), err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n') };
}

/** Prints `value` as the JSON result. */
export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/**
 * Runs a command's work and turns its outcome into output and an exit code: a CommandError's own code, 1
 * for anything unexpected (with the message; never a stack trace).
 */
export async function runCommand(name: string, output: Output, work: () => Promise<ExitCode>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (err) {
    const message = (err as Error).message;
    output.err(`kbsleuth ${name}: ${message}`);
    if (output.json) printJson(output, { error: message });
    process.exitCode = err instanceof CommandError ? err.exitCode : 1;
  }
}

/** Throws a usage error (exit 2) unless `ok`. */
export function usage(ok: unknown, message: string): asserts ok {
  if (!ok) throw new CommandError(message, EXIT.usage);
}

/**
 * Usage errors commander finds itself (an unknown option, a missing value) exit 2 like ours, and print JSON
 * too when --json (or --format json) was asked for.
 */
export function withUsageExit(command: Command): Command {
  const wantsJson = () => {
    const argv = process.argv;
    const at = argv.indexOf('--format');
    return argv.includes('--json') || argv.includes('--format=json') || (at >= 0 && argv[at + 1] === 'json');
  };
  return command
    .configureOutput({
      outputError: (text, write) => {
        write(text);
        if (wantsJson()) process.stdout.write(JSON.stringify({ error: text.replace(/^error: /, '').trim() }) + '\n');
      },
    })
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') process.exit(0);
      process.exit(EXIT.usage);
    });
}
