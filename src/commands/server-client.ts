/**
 * A running kbsleuth server asked over HTTP (KBSLEUTH_URL or --url), for commands that would otherwise open
 * the saved index themselves: the server has it loaded, so each call costs a request. Its JSON API answers;
 * its errors become the command's (a 400 is bad usage, a 404 nothing found, a 503 or no answer no index).
 */
import http from 'node:http';
import https from 'node:https';
import { CommandError, EXIT, type ExitCode } from './command-output.js';

/** How long a command waits for the server before giving up. */
const TIMEOUT_MS = 30_000;

/** The server's base URL, checked: http(s) only, without a trailing slash. */
export function serverBase(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CommandError(
      `"${raw.slice(0, 200)}" (from --url or KBSLEUTH_URL) is not a URL; give the server's address, such as http://127.0.0.1:3000.`,
      EXIT.usage,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CommandError(`--url / KBSLEUTH_URL must be an http:// or https:// address, not ${url.protocol}//.`, EXIT.usage);
  return url.href.replace(/\/+$/, '');
}

interface ServerAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Sends one request to the server; resolves with a 2xx answer, throws CommandError for anything else:
 * 400-class as bad usage (404 as nothing found), 503 and an unreachable server as no index.
 */
export async function askServer(base: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<ServerAnswer> {
  let answer: ServerAnswer;
  try {
    answer = await send(new URL(base + path), init.method ?? 'GET', init.json === undefined ? undefined : JSON.stringify(init.json));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ETIMEDOUT' ? `no answer in ${TIMEOUT_MS / 1000} s` : (e.code ?? e.message);
    throw new CommandError(
      `no kbsleuth server answers at ${base} (${why}); start one with \`kbsleuth serve\`, or unset KBSLEUTH_URL (and --url) to read the saved index instead.`,
      EXIT.unavailable,
      { cause: err },
    );
  }
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw new CommandError(`the server at ${base} answered ${answer.status}: ${serverMessage(answer)}`, exitCodeOf(answer.status));
}

/** One request with node:http (fetch would load undici first, which costs a command more than the request). */
function send(url: URL, method: string, body: string | undefined): Promise<ServerAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

function exitCodeOf(status: number): ExitCode {
  if (status === 404) return EXIT.nothing;
  if (status === 503) return EXIT.unavailable;
  if (status >= 400 && status < 500) return EXIT.usage;
  return EXIT.unavailable;
}

/** The message of the API's error body ({error: {message}}), else the start of the body. */
function serverMessage(answer: ServerAnswer): string {
  try {
    const parsed = JSON.parse(answer.body) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return answer.body.replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty answer)';
}

/** Parses a 2xx JSON answer; a server that answers something else is not a kbsleuth server. */
export function jsonOf<T>(base: string, answer: ServerAnswer): T {
  try {
    return JSON.parse(answer.body) as T;
  } catch (err) {
    throw new CommandError(
      `the server at ${base} did not answer JSON (${answer.contentType || 'no content type'}); is it a kbsleuth server?`,
      EXIT.unavailable,
      { cause: err },
    );
  }
}
