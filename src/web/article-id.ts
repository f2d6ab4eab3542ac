/** Article ids from URLs: any spelling in, the canonical `Q161043` out, or a 400 that says what is expected. */
import { HttpError } from '../errors.js';
import { readArticleNumber } from '../article-id.js';

export function parseArticleId(raw: string): string {
  const n = raw.length <= 40 ? readArticleNumber(raw) : undefined;
  if (!n) throw new HttpError(400, `"${raw.slice(0, 40)}" is not an article number; use the Q form such as Q161043 (or 161043).`);
  return n.id;
}
