/**
 * An article -> the short summary a helpdesk engineer pastes into a ticket: number and title, permalink,
 * fix status (for the user's version when one is known), cause, workaround and resolution. Plain text reflows the
 * article's hard-wrapped prose so ticket systems wrap it themselves; markdown comes from the same
 * renderer as the article page, with links made absolute. Pure.
 */
import { productLabel } from '../signals/products.js';
import { versionVerdict, type VersionVerdict } from '../signals/versions.js';
import type { AnalyzedArticle } from '../types.js';
import { sectionMarkdown, sectionPlainText } from './article-markdown.js';
import { FIX_STATE_LABELS } from './labels.js';

export const TICKET_FORMATS = ['text', 'markdown'] as const;
export type TicketFormat = (typeof TICKET_FORMATS)[number];
export const isTicketFormat = (s: unknown): s is TicketFormat => typeof s === 'string' && (TICKET_FORMATS as readonly string[]).includes(s);

/** A version a ticket may name: a version is a version (anything else, CR/LF or prose, would write into the ticket). */
export const isTicketVersion = (s: string) => /^[\w.+ -]{1,40}$/.test(s);

export interface TicketOptions {
  /** 'text' (default) or 'markdown'. */
  format?: TicketFormat;
  /** The version the user runs (`1.2`): adds a line saying what the fix status means for it. */
  version?: string;
  /** Characters of each section kept; longer ones are cut at a paragraph (else a sentence or a word) and point to the article. Default 900. */
  maxSectionChars?: number;
}

/** Sections a ticket carries, in order. */
const TICKET_SECTIONS = ['cause', 'workaround', 'resolution'] as const;

export function ticketTextOf(article: AnalyzedArticle, url: string, options: TicketOptions = {}): string {
  const max = options.maxSectionChars ?? 900;
  const markdown = options.format === 'markdown';
  const base = url.replace(/\/kb\/[^/]*$/, '');
  const fix = `${FIX_STATE_LABELS[article.fixStatus.state] ?? article.fixStatus.state}${article.fixStatus.fixedIn ? ` (${article.fixStatus.fixedIn})` : ''}`;
  const forVersion = options.version ? fixStatusForVersion(article, options.version) : undefined;
  const lines: string[] = [];
  if (markdown) {
    lines.push(`**[${escapeLinkText(`${article.id}: ${article.title}`)}](${url})**`, '', `- **Fix status:** ${escapeLinkText(fix)}`);
    if (forVersion) lines.push(`- **Your version:** ${escapeLinkText(forVersion.text)}`);
  } else {
    lines.push(`${article.id}: ${article.title}`, url, `Fix status: ${fix}`);
    if (forVersion) lines.push(`Your version: ${forVersion.text}`);
  }
  for (const kind of TICKET_SECTIONS) {
    const section = article.sections.find((s) => s.kind === kind);
    if (!section?.text.trim()) continue;
    const { text, cut } = cutAtParagraph(section.text.trim(), max);
    const heading = headingOf(section.heading, kind);
    if (markdown) {
      // The page's renderer links /kb/ ids relatively; a ticket lives elsewhere.
      const body = sectionMarkdown(text).replaceAll('](/kb/', `](${base}/kb/`).replaceAll('href="/kb/', `href="${base}/kb/`);
      lines.push('', `**${heading}**`, '', body);
      if (cut) lines.push('', `[… the rest in the article](${url}#${kind})`);
    } else {
      lines.push('', `${heading}:`, sectionPlainText(text));
      if (cut) lines.push(`… the rest: ${url}#${kind}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Whether the article covers `version` of its product, and what its fix status means there (the troubleshooter's wording). */
export function fixStatusForVersion(article: Pick<AnalyzedArticle, 'category' | 'versions' | 'fixStatus' | 'sections'>, version: string): VersionVerdict {
  return versionVerdict(
    {
      productLabel: article.category ? productLabel(article.category) : undefined,
      versions: [...new Set(article.versions.map((v) => v.version).filter((v): v is string => Boolean(v)))],
      fixStatus: article.fixStatus,
      hasWorkaround: article.sections.some((s) => s.kind === 'workaround' && s.text.trim() !== ''),
    },
    version,
  );
}

function headingOf(heading: string, kind: string): string {
  return heading.trim() || kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** The text cut to `max` characters: at a paragraph break, else a sentence's end, else a word's. */
function cutAtParagraph(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const head = text.slice(0, max);
  const para = head.lastIndexOf('\n\n');
  if (para > max / 3) return { text: head.slice(0, para), cut: true };
  const sentence = head.lastIndexOf('. ');
  if (sentence > max / 3) return { text: head.slice(0, sentence + 1), cut: true };
  if (para > 0) return { text: head.slice(0, para), cut: true };
  const space = head.lastIndexOf(' ');
  return { text: (space > 0 ? head.slice(0, space) : head) + ' …', cut: true };
}

function escapeLinkText(s: string): string {
  return s.replace(/[\\\[\]*_`<>]/g, (c) => '\\' + c);
}
