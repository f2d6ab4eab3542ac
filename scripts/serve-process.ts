/**
 * `kbsleuth serve` as a child process, for the scripts that measure it (bench's cold start, npm run load):
 * started on a free port, its stderr read line by line for the "listening on" and "ready" lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_DIR } from '../src/config.js';
import { SAVED_INDEX_CURRENT } from '../src/knowledge-base.js';

export interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the base URL once the server (or its primary) logs that it listens; rejects if it exits first. */
  listening: Promise<string>;
  /** Resolves once it logs `kbsleuth: ready:`; rejects if it exits first. */
  ready: Promise<void>;
  /** Resolves once it logs that its saved index matches the articles (the check after a start is over). */
  checked: Promise<void>;
  /** Resolves with how it exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts the server with these environment settings over the current environment (PORT defaults to 0), and these flags to node. */
export function startServe(env: Record<string, string>, onLine?: (line: string) => void, nodeFlags: readonly string[] = []): ServeProcess {
  const child = spawn(process.execPath, [...nodeFlags, path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), 'serve', '--no-progress'], {
    cwd: PROJECT_DIR,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const early = (what: string) =>
    exited.then(({ code }) => Promise.reject(new Error(`kbsleuth serve exited (code ${code}) before ${what}; its stderr:\n${all}`)));
  let all = '';
  let buffered = '';
  let onListening!: (url: string) => void;
  let onReady!: () => void;
  let onChecked!: () => void;
  const checked = new Promise<void>((resolve) => (onChecked = resolve));
  const listening = Promise.race([new Promise<string>((resolve) => (onListening = resolve)), early('listening')]);
  const ready = Promise.race([new Promise<void>((resolve) => (onReady = resolve)), early('being ready')]);
  // Whoever does not wait on one of them must not see an unhandled rejection.
  listening.catch(() => undefined);
  ready.catch(() => undefined);
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    all += chunk;
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      onLine?.(line);
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) onListening(url);
      if (line.startsWith('kbsleuth: ready:')) onReady();
      if (line.includes(SAVED_INDEX_CURRENT)) onChecked();
    }
  });
  return {
    child,
    listening,
    ready,
    checked,
    exited,
    stderr: () => all,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
