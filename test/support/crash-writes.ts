/** What the crash tests' child processes write (test/support/crash-*.ts), a function of their number so the test knows each one's exact content. */
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import type { IndexData } from '../../src/search-index/index-data.js';
import type { FeedbackInput } from '../../src/store/database.js';
import { fakeArticle } from './articles.js';

/** The n-th shared result: 100 B to 8 KB (some rows spill into overflow pages), with non-ASCII text. */
export function crashWriteOf(n: number): { log: string; answers: Record<string, string>; redacted: boolean } {
  const length = 100 + ((n * 2654435761) % 8000);
  const line = `${n}: despooler wait 0x80070020 — ünïcode ${n % 97}\n`;
  return {
    log: line.repeat(Math.ceil(length / line.length)).slice(0, length),
    answers: { n: String(n), 'version:sms': `2.0.${n % 7}` },
    redacted: n % 2 === 0,
  };
}

/** The n-th feedback, on an article of its own so it can be found by number. */
export function crashFeedbackOf(n: number): FeedbackInput {
  return { target: 'article', articleId: `Q${n}`, helpful: n % 3 === 0, comment: `comment ${n}` };
}

/** A search index over `count` made-up articles of about `words` words each (all different: many terms). */
export function crashIndexOf(count: number, sourceHash: string, words = 60): IndexData {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'pus', 'den', 'vor', 'ax', 'qui', 'zel', 'bro', 'fen'];
  const word = (k: number) =>
    syllables[k % 12] + syllables[Math.floor(k / 12) % 12] + syllables[Math.floor(k / 144) % 12] + syllables[Math.floor(k / 1728) % 12];
  const articles = Array.from({ length: count }, (_, i) => {
    const text = Array.from({ length: words }, (_, j) => word((i * 7919 + j * 104729) % 20736)).join(' ');
    return fakeArticle(200000 + i, `Sender ${word(i)} stops`, { symptoms: text, cause: `${text} 0x8007${(i % 65536).toString(16).padStart(4, '0')}` });
  });
  return buildIndex(articles.map(indexedDocumentOf), count, { sourceHash });
}
