/**
 * An article -> the short summary a helpdesk engineer pastes into a ticket: number and title, permalink,
 * fix status (for the user's version when one is known), cause and workaround. Plain text reflows the
 * article's hard-wrapped prose so ticket systems wrap it themselves; markdown comes from the same
 * renderer as the article page, with links made absolute. Pure.
 */
import { sectionMarkdown } from '../render/article-markdown.js';
import { productLabel } from '../signals/products.js';
import type { AnalyzedArticle } from '../types.js';
import { FIX_STATE_LABELS } from './view-helpers.js';
import { coversVersion } from '../signals/versions.js';

export const TICKET_FORMATS = ['text', 'markdown'] as const;
export type TicketFormat = (typeof TICKET_FORMATS)[number];
export const isTicketFormat = (s: unknown): s is TicketFormat => typeof s === 'string' && (TICKET_FORMATS as readonly string[]).includes(s);

export interface TicketOptions {
  /** 'text' (default) or 'markdown'. */
  format?: TicketFormat;
  /** The version the user runs (`1.2`): adds a line saying what the fix status means for it. */
  version?: string;
  /** Characters of each section kept; longer ones are cut at a paragraph and point to the article. Default 900. */
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
    if (forVersion) lines.push(`- **${escapeLinkText(forVersion.label)}:** ${escapeLinkText(forVersion.text)}`);
  } else {
    lines.push(`${article.id}: ${article.title}`, url, `Fix status: ${fix}`);
    if (forVersion) lines.push(`${forVersion.label}: ${forVersion.text}`);
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
      lines.push('', `${heading}:`, reflow(text));
      if (cut) lines.push(`… the rest: ${url}#${kind}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Whether the article covers `version` of its product, and what its fix status means there. */
export function fixStatusForVersion(article: Pick<AnalyzedArticle, 'category' | 'versions' | 'fixStatus'>, version: string): { label: string; applies: boolean; text: string } {
  const product = article.category ? productLabel(article.category) : '';
  const label = `For ${product ? `${product} ` : 'version '}${version}`;
  const listed = [...new Set(article.versions.map((v) => v.version).filter(Boolean))];
  const applies = coversVersion(listed, version);
  if (!applies) return { label, applies, text: `this article is about version ${listed.join(', ')}, not ${version}; look for another article.` };
  const fs = article.fixStatus;
  switch (fs.state) {
    case 'fixed':
      return { label, applies, text: `affected; fixed in ${fs.fixedIn ?? 'a later release'}. Apply it; use the workaround until then.` };
    case 'confirmed':
      return { label, applies, text: 'affected; no fix is published. Use the workaround.' };
    case 'by-design':
      return { label, applies, text: 'by design; the article describes what to do instead.' };
    default:
      return { label, applies, text: 'covered by this article; it states no fix.' };
  }
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

/** One block of article prose: a paragraph (hard wraps joined), a list item, or an indented line kept as written. */
export interface ProseBlock {
  kind: 'p' | 'li' | 'pre';
  text: string;
}

/** A list line as the article page's renderer reads it (render/article-markdown.ts). */
const LIST_ITEM = /^\s{0,2}(?:[-*\u2022o]|\d{1,2}[.)])\s+(\S.*)$/;

/** Hard-wrapped article text -> paragraphs, list items and preformatted lines, for pages and tickets alike. */
export function proseBlocksOf(text: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  let afterBlank = true;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\t/g, '    ');
    const indent = line.length - line.trimStart().length;
    const last = blocks[blocks.length - 1];
    const item = LIST_ITEM.exec(line);
    if (!line.trim()) {
      flush();
      afterBlank = true;
      continue;
    }
    if (item) {
      flush();
      blocks.push({ kind: 'li', text: item[1].trim() });
    } else if (last?.kind === 'li' && !para.length && !afterBlank && indent >= 2 && indent <= 4) {
      // A wrapped list item: its continuation lines are indented under its text.
      last.text += ' ' + line.trim();
    } else if (indent >= 2) {
      flush();
      // Consecutive indented lines form one block, so a command list stays together.
      if (last?.kind === 'pre' && !para.length && !afterBlank) last.text += '\n' + line.trimEnd();
      else blocks.push({ kind: 'pre', text: line.trimEnd() });
    } else para.push(line.trim());
    afterBlank = false;
  }
  flush();
  return blocks;
}

/** Hard-wrapped prose joined into one line per paragraph and per list item; indented lines (commands, quoted messages) kept. */
function reflow(text: string): string {
  const blocks = proseBlocksOf(text);
  return blocks.map((b, i) => (b.kind === 'li' ? '- ' + b.text : b.text) + (i === blocks.length - 1 ? '' : b.kind === 'li' && blocks[i + 1].kind === 'li' ? '\n' : '\n\n')).join('');
}

function escapeLinkText(s: string): string {
  return s.replace(/[\\\[\]*_`<>]/g, (c) => '\\' + c);
}
