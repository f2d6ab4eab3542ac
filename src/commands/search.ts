/**
 * `kbsleuth search QUERY…`: the search page's query language, its filters as options, and either a readable
 * list (number, title, fix status, permalink) or, with --json, what GET /api/search answers.
 */
import type { Config } from '../config.js';
import { SEARCH_LIMITS } from '../search/limits.js';
import { FILTER_NAMES, type FilterName } from '../search/parse-query.js';
import { searchResponseOf, type SearchResponse } from '../web/search-response.js';
import { FIX_STATE_LABELS } from '../render/labels.js';
import { EXIT, printJson, usage, type ExitCode, type Output } from './command-output.js';
import { askServer, jsonOf } from './server-client.js';

type SearchCommandOptions = Partial<Record<FilterName, string>> & {
  limit?: string;
  offset?: string;
  json?: boolean;
};

export interface Where {
  /** A running server's base URL, when the command asks it. */
  server?: string;
  /** Where permalinks point: the server's URL, or where `kbsleuth serve` would listen. */
  linkBase: string;
}

export async function searchCommand(words: string[], opts: SearchCommandOptions, config: Config, where: Where, output: Output): Promise<ExitCode> {
  const q = words.join(' ');
  const filters = Object.fromEntries(FILTER_NAMES.map((f) => [f, opts[f]?.trim()]).filter(([, v]) => v)) as Partial<Record<FilterName, string>>;
  usage(q.trim() || Object.keys(filters).length, 'give words to search for, or a filter such as --product sms (see `kbsleuth search --help`).');
  const limit = wholeNumber('--limit', opts.limit, 10, 0, SEARCH_LIMITS.maxLimit);
  const offset = wholeNumber('--offset', opts.offset, 0, 0, SEARCH_LIMITS.maxOffset);
  usage(
    q.length <= config.maxQueryChars,
    `the query is ${q.length} characters long; the limit is ${config.maxQueryChars}. To match a long log excerpt, pipe it to \`kbsleuth troubleshoot\`.`,
  );

  let response: SearchResponse;
  if (where.server) {
    const params = new URLSearchParams({ q, limit: String(limit), offset: String(offset), ...filters });
    response = jsonOf<SearchResponse>(where.server, await askServer(where.server, `/api/search?${params}`));
  } else {
    // Imported here: a command that asks a server has no use for the search engine.
    const { SavedKb } = await import('./saved-kb.js');
    const kb = new SavedKb(config);
    try {
      response = searchResponseOf(kb.engine().search(q, { limit, offset, filters, maxQueryChars: config.maxQueryChars, noFacets: !output.json }));
    } finally {
      kb.close();
    }
  }
  if (output.json) printJson(output, response);
  else output.out(formatSearch(response, where.linkBase));
  return response.total > 0 ? EXIT.found : EXIT.nothing;
}

/** A whole number option in [min, max], or its default when not given; anything else is bad usage. */
export function wholeNumber(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  usage(/^\s*\d+\s*$/.test(raw) && n >= min && n <= max, `${name} takes a whole number from ${min} to ${max}, not "${raw.slice(0, 40)}".`);
  return n;
}

/** The readable list: a count line, the notice, then each hit's number and title over its fix status and permalink. */
function formatSearch(r: SearchResponse, linkBase: string): string {
  const lines: string[] = [];
  const shown = r.results.length ? ` (${r.offset + 1}-${r.offset + r.results.length} shown)` : '';
  lines.push(`${r.total} article${r.total === 1 ? '' : 's'}${shown}`);
  if (r.notice) lines.push(r.notice);
  for (const hit of r.results) {
    const status = hit.fixStatus.fixedIn ? `${FIX_STATE_LABELS[hit.fixStatus.state]} in ${hit.fixStatus.fixedIn}` : FIX_STATE_LABELS[hit.fixStatus.state];
    lines.push('', `${hit.id}  ${oneLine(hit.title)}`, `         ${status} · ${linkBase}${hit.url}`);
  }
  return lines.join('\n');
}

/** Titles come from the archive: no control characters reach the terminal. */
export const oneLine = (s: string) =>
  s
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
