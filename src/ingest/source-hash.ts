/**
 * A content hash of every article file under the KB folders: the saved index is reused only while it
 * matches. Content, not file dates: a copied or re-checked-out archive keeps its index, an edit does not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listArticleFiles } from './load-articles.js';

export function hashArticleSources(dirs: readonly string[]): string {
  const all = createHash('sha256');
  for (const file of listArticleFiles(dirs)) {
    let digest: string;
    try {
      digest = createHash('sha1').update(readFileSync(file)).digest('hex');
    } catch {
      digest = 'unreadable';
    }
    all.update(file).update('\0').update(digest).update('\n');
  }
  return all.digest('hex');
}
