/**
 * `kbsleuth article Q161043`: the ticket text of one article (what the article page's "Copy for ticket"
 * copies, and GET /api/articles/:id?format=text answers), as markdown, or the whole article as JSON.
 */
import type { Config } from '../config.js';
import { HttpError } from '../errors.js';
import type { AnalyzedArticle } from '../types.js';
import { parseArticleId } from '../web/article-id.js';
import { isTicketVersion, ticketTextOf } from '../render/ticket-text.js';
import { CommandError, EXIT, printJson, usage, type ExitCode, type Output } from './command-output.js';
import { askServer, jsonOf } from './server-client.js';
import type { Where } from './search.js';
import { articleResponseOf } from '../web/search-response.js';

const ARTICLE_FORMATS = ['text', 'markdown', 'json'] as const;
const isArticleFormat = (s: string): s is (typeof ARTICLE_FORMATS)[number] => (ARTICLE_FORMATS as readonly string[]).includes(s);

interface ArticleCommandOptions {
  format?: string;
  version?: string;
}

export async function articleCommand(raw: string, opts: ArticleCommandOptions, config: Config, where: Where, output: Output): Promise<ExitCode> {
  const format = opts.format ?? 'text';
  usage(isArticleFormat(format), `--format takes ${ARTICLE_FORMATS.join(', ')}, not "${format.slice(0, 20)}".`);
  let id: string;
  try {
    id = parseArticleId(raw.trim());
  } catch (err) {
    if (err instanceof HttpError) throw new CommandError(err.message, EXIT.usage);
    throw err;
  }
  const version = opts.version?.trim() || undefined;
  usage(
    version === undefined || isTicketVersion(version),
    '--version takes a product version such as 1.2 or 4.0 SP3 (letters, digits, dots, spaces; up to 40).',
  );

  if (where.server) {
    const params = new URLSearchParams({ format, ...(version ? { version } : {}) });
    const answer = await askServer(where.server, `/api/articles/${encodeURIComponent(id)}?${params}`);
    if (format === 'json') printJson(output, jsonOf<AnalyzedArticle>(where.server, answer));
    else output.out(answer.body);
    return EXIT.found;
  }
  const { SavedKb } = await import('./saved-kb.js');
  const kb = new SavedKb(config);
  try {
    const article = kb.article(id);
    if (!article)
      throw new CommandError(`no article ${id} in the saved index of ${config.kbDirs.join(', ')}; search for it with \`kbsleuth search ${id}\`.`, EXIT.nothing);
    if (format === 'json') printJson(output, articleResponseOf(article));
    else output.out(ticketTextOf(article, `${where.linkBase}/kb/${id}`, { format, version }));
    return EXIT.found;
  } finally {
    kb.close();
  }
}
