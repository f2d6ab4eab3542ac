/** Article -> safe HTML for the article page. The only place that calls marked; its output is sanitized. */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Section } from '../types.js';
import { sectionAnchor, sectionMarkdown, type MarkdownOptions } from './article-markdown.js';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'ul', 'ol', 'li', 'pre', 'code', 'a', 'em', 'strong', 'br', 'blockquote', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'class', 'title'], code: ['class'] },
  // Links stay inside the knowledge base or go to the web; never javascript: or data:.
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
};

/** Markdown -> sanitized HTML. */
export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, SANITIZE);
}

export interface RenderedSection {
  anchor: string;
  heading: string;
  kind: string;
  html: string;
}

export function renderSections(sections: readonly Section[], options: MarkdownOptions = {}): RenderedSection[] {
  // Two sections of one kind (two "more information" parts) would share an id: the later ones get -2, -3.
  const used = new Set<string>();
  const uniqueAnchor = (anchor: string) => {
    let unique = anchor;
    for (let n = 2; used.has(unique); n++) unique = `${anchor}-${n}`;
    used.add(unique);
    return unique;
  };
  return sections.map((s, i) => ({
    anchor: uniqueAnchor(sectionAnchor(s, i)),
    heading: s.heading || (i === 0 ? 'Summary' : 'Section'),
    kind: s.kind,
    html: markdownToSafeHtml(sectionMarkdown(s.text, options)),
  }));
}
