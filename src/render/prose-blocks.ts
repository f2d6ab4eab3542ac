/** Article prose -> paragraphs and preformatted blocks for a page partial (views/partials/prose.ejs), read as the article page reads it. */
import { articleBlocks } from './article-markdown.js';

/** One block of article prose: a paragraph (hard wraps joined) or lines kept as written (a list, a command). */
export interface ProseBlock {
  kind: 'p' | 'pre';
  text: string;
}

export function proseBlocksOf(text: string): ProseBlock[] {
  return articleBlocks(text).map((b) => (b.kind === 'list' ? { kind: 'pre', text: b.items.map((item) => `- ${item}`).join('\n') } : { kind: b.kind, text: b.text }));
}
