/**
 * A running kbsleuth server asked over HTTP (KBSLEUTH_URL or --url), for commands that would otherwise open
 * the saved index themselves: the server has it loaded, so each call costs a request. Its JSON API answers;
 * its errors become the command's (a 400 is bad usage, a 404 nothing found, a 503 or no answer no index).
 */
import { CommandError, EXIT, type ExitCode } from './command-output.js';

/** How long a command waits for the server before giving up. */
const TIMEOUT_MS = 30_000;

/** The server's base URL, checked: http(s) only, without a trailing slash. */
export function serverBase(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CommandError(`"${raw.slice(0, 200)}" (from --url or KBSLEUTH_URL) is not a URL; give the server's address, such as http://127.0.0.1:3000.`, EXIT.usage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CommandError(`--url / KBSLEUTH_URL must be an http:// or https:// address, not ${url.protocol}//.`, EXIT.usage);
  return url.href.replace(/\/+$/, '');
}

export interface ServerAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Sends one request to the server; resolves with a 2xx answer, throws CommandError for anything else:
 * 400-class as bad usage (404 as nothing found), 503 and an unreachable server as no index.
 */
export async function askServer(base: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<ServerAnswer> {
  const url = base + path;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.json === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new CommandError(`no kbsleuth server answers at ${base} (${why}); start one with \`kbsleuth serve\`, or unset KBSLEUTH_URL (and --url) to read the saved index instead.`, EXIT.unavailable, { cause: err });
  }
  const body = await res.text();
  const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  if (res.ok) return answer;
  throw new CommandError(`the server at ${base} answered ${res.status}: ${serverMessage(answer)}`, exitCodeOf(res.status));
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
    throw new CommandError(`the server at ${base} did not answer JSON (${answer.contentType || 'no content type'}); is it a kbsleuth server?`, EXIT.unavailable, { cause: err });
  }
}
