/**
 * Article text -> markdown: prose reflowed into paragraphs, `- ` lines into lists, indented blocks (quoted
 * messages, commands, code) into fenced blocks kept verbatim, article numbers into links. Every character
 * of article text that markdown or HTML would read as syntax is escaped, so only this module's own markup
 * takes effect. The same markdown goes into tickets and, through marked, onto the page.
 */
import { articleMentions } from '../article-id.js';
import { LIST_ITEM } from '../signals/list-item.js';
import type { Section } from '../types.js';

/** Characters escaped in prose so that article text never becomes markdown or HTML. */
const MD_SPECIAL = /[\\`*_{}\[\]()#+!|<>~&"]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '\\' + c));
}

export interface MarkdownOptions {
  /** Whether the knowledge base holds an article (others are linked but marked missing). */
  hasArticle?: (id: string) => boolean;
}

/** Prose line -> escaped markdown with article numbers linked. */
function inline(text: string, options: MarkdownOptions): string {
  let out = '';
  let at = 0;
  for (const { id, start, end } of articleMentions(text)) {
    out += escapeMarkdown(text.slice(at, start));
    const written = escapeMarkdown(text.slice(start, end));
    const missing = options.hasArticle && !options.hasArticle(id);
    out += missing ? `<a href="/kb/${id}" class="missing-article" title="Not in this knowledge base">${written}</a>` : `[${written}](/kb/${id})`;
    at = end;
  }
  return out + escapeMarkdown(text.slice(at));
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** A block of article text: a reflowed paragraph, a list (each item reflowed), or preformatted lines kept verbatim. */
export type ArticleBlock = { kind: 'p'; text: string } | { kind: 'list'; items: string[] } | { kind: 'pre'; text: string; /** The indent the lines shared, taken off `text`. */ indent: number };

/**
 * Hard-wrapped article text -> blocks: the one reading of paragraphs, lists and indented lines, for the
 * article page (markdown), the ticket text and the troubleshoot page alike.
 */
export function articleBlocks(text: string): ArticleBlock[] {
  const lines = text.replace(/\t/g, '    ').split('\n');
  const blocks: ArticleBlock[] = [];
  let para: string[] = [];
  let list: string[] = [];
  let pre: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ').replace(/\s+/g, ' ').trim() });
    para = [];
  };
  const flushList = () => {
    if (list.length) blocks.push({ kind: 'list', items: list });
    list = [];
  };
  const flushPre = () => {
    while (pre.length && !pre[pre.length - 1].trim()) pre.pop();
    if (pre.length) {
      // Loops, not Math.min(...lines): spreading a block of 200,000 lines overflows the stack.
      let min = Infinity;
      for (const l of pre) if (l.trim()) min = Math.min(min, indentOf(l));
      blocks.push({ kind: 'pre', text: pre.map((l) => l.slice(min)).join('\n'), indent: min });
    }
    pre = [];
  };
  for (const line of lines) {
    if (!line.trim()) {
      if (pre.length) pre.push('');
      else {
        flushPara();
        flushList();
      }
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && item[0].length < line.length && indentOf(line) <= 2 && !pre.length) {
      flushPara();
      list.push(line.slice(item[0].length).trimEnd());
      continue;
    }
    if (list.length && indentOf(line) >= 2 && !pre.length && indentOf(line) <= 4) {
      list[list.length - 1] += ' ' + line.trim();
      continue;
    }
    if (indentOf(line) >= 2) {
      flushPara();
      flushList();
      pre.push(line);
      continue;
    }
    flushPre();
    flushList();
    para.push(line.trim());
  }
  flushPre();
  flushPara();
  flushList();
  return blocks;
}

/** One section's text -> markdown blocks. */
export function sectionMarkdown(text: string, options: MarkdownOptions = {}): string {
  return sectionBlocks(text, options).join('\n\n');
}

/** One section's text -> its markdown blocks (paragraphs, lists, fenced blocks), each complete on its own. */
export function sectionBlocks(text: string, options: MarkdownOptions = {}): string[] {
  return articleBlocks(text).map((b) => {
    if (b.kind === 'p') return inline(b.text, options);
    if (b.kind === 'list') return b.items.map((item) => `- ${inline(item, options)}`).join('\n');
    // A fence longer than any run of backticks or tildes inside, so the block cannot be closed early.
    let longest = 2;
    for (const m of b.text.matchAll(/[`~]+/g)) longest = Math.max(longest, m[0].length);
    const fence = '~'.repeat(longest + 1);
    return `${fence}text\n${b.text}\n${fence}`;
  });
}

/** Plain text of a section: one line per paragraph and per list item; preformatted lines as written (tabs as four spaces). */
export function sectionPlainText(text: string): string {
  const indented = (pre: string, indent: number) => pre.split('\n').map((l) => (l ? ' '.repeat(indent) + l : l)).join('\n');
  return articleBlocks(text)
    .map((b) => (b.kind === 'p' ? b.text : b.kind === 'list' ? b.items.map((item) => `- ${item}`).join('\n') : indented(b.text, b.indent)))
    .join('\n\n');
}

/** Anchor of a section on the article page (`#symptoms`, `#more-information`). */
export function sectionAnchor(section: Section, index: number): string {
  return section.kind && /^[a-z0-9-]+$/.test(section.kind) ? section.kind : `section-${index + 1}`;
}
