/**
 * Article -> safe HTML for the article page. The only place that calls marked; its output is sanitized.
 *
 * An article comes from a folder nobody vetted, so rendering is bounded: marked gets the markdown a chunk
 * of whole blocks at a time, a block too long for it (marked recurses, and slows on dense escapes) is shown
 * as escaped plain text, and once a page has spent its CPU budget the rest is shown plain too. Real
 * articles (the largest in the archive is 180 KB) never reach either limit.
 */
import { marked } from 'marked';
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import type { Section } from '../types.js';
import { sectionAnchor, sectionBlocks, type MarkdownOptions } from './article-markdown.js';

/** Markdown given to marked at once, in characters (whole blocks; a longer single block is shown plain). */
const CHUNK_CHARS = 16_000;
/** A block longer than this is never given to marked. */
const MAX_BLOCK_CHARS = 32_000;
/** Characters of one article given the full treatment (article links, lists, marked); the largest real one is 180 KB. */
const RICH_CHARS = 256 * 1024;
/** Characters of a section shown as plain text at most. */
const PLAIN_CHARS = 256 * 1024;
/** CPU time one article's rendering may take before the rest is shown as plain text, in milliseconds. */
const RENDER_BUDGET_MS = 400;

const SANITIZE: SanitizeHtml.IOptions = {
  allowedTags: ['p', 'ul', 'ol', 'li', 'pre', 'code', 'a', 'em', 'strong', 'br', 'blockquote', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'class', 'title'], code: ['class'] },
  // Links stay inside the knowledge base or go to the web; never javascript: or data:.
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
};

// Required on the first page that shows markdown, not at import: it is a tenth of a second of a server's start
// (its htmlparser2 and postcss), and the JSON API and the first search never need it.
const require = createRequire(import.meta.url);
let sanitizeHtml: typeof SanitizeHtml | undefined;

/** The sanitizer, required on first use. */
function sanitizer(): typeof SanitizeHtml {
  return (sanitizeHtml ??= require('sanitize-html') as typeof SanitizeHtml);
}

/** Markdown -> sanitized HTML. */
export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return sanitizer()(html, SANITIZE);
}

export interface RenderedSection {
  anchor: string;
  heading: string;
  kind: string;
  html: string;
}

export function renderSections(sections: readonly Section[], options: MarkdownOptions & { budgetMs?: number } = {}): RenderedSection[] {
  // Loading the sanitizer is not rendering, so it is not charged to the budget.
  sanitizer();
  const deadline = cpuMs() + (options.budgetMs ?? RENDER_BUDGET_MS);
  let richLeft = RICH_CHARS;
  // Two sections of one kind (two "more information" parts) would share an id: the later ones get -2, -3.
  const used = new Set<string>();
  const uniqueAnchor = (anchor: string) => {
    let unique = anchor;
    for (let n = 2; used.has(unique); n++) unique = `${anchor}-${n}`;
    used.add(unique);
    return unique;
  };
  return sections.map((s, i) => {
    // Past the article's share of formatted text, the rest of a section is shown as it is, escaped.
    const cut = s.text.length <= richLeft ? s.text.length : Math.max(0, s.text.lastIndexOf('\n', richLeft));
    richLeft -= cut;
    const rich = cut > 0 ? renderBlocks(sectionBlocks(s.text.slice(0, cut), options), deadline) : '';
    return {
      anchor: uniqueAnchor(sectionAnchor(s, i)),
      heading: s.heading || (i === 0 ? 'Summary' : 'Section'),
      kind: s.kind,
      html: cut < s.text.length ? rich + plain(s.text.slice(cut)) : rich,
    };
  });
}

/**
 * This process's CPU time in milliseconds. The budget is CPU, not wall time: on a busy machine the wall clock ran
 * past 400 ms during an ordinary article's first sections, and the same page came out plain or formatted by load.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Blocks -> HTML, a chunk at a time through marked while CPU time remains; plain escaped text otherwise. */
function renderBlocks(blocks: readonly string[], deadline: number): string {
  let html = '';
  let chunk: string[] = [];
  let chunkChars = 0;
  const flush = () => {
    if (chunk.length) html += cpuMs() < deadline ? markdownToSafeHtml(chunk.join('\n\n')) : plain(chunk.join('\n\n'));
    chunk = [];
    chunkChars = 0;
  };
  for (const block of blocks) {
    if (block.length > MAX_BLOCK_CHARS) {
      flush();
      html += plain(block);
      continue;
    }
    if (chunkChars + block.length > CHUNK_CHARS) flush();
    chunk.push(block);
    chunkChars += block.length + 2;
  }
  flush();
  return html;
}

/** Text shown as it is, escaped, up to PLAIN_CHARS (split/join: a regex replace costs microseconds a match). */
function plain(text: string): string {
  const shown = text.length > PLAIN_CHARS ? text.slice(0, PLAIN_CHARS) : text;
  const escaped = shown.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;').split('"').join('&quot;');
  const rest = text.length - shown.length;
  return (
    `<pre class="plain">${escaped}</pre>` +
    (rest > 0 ? `<p class="muted">${rest.toLocaleString('en-US')} more characters of this section are not shown.</p>` : '')
  );
}
