/** Article ids from URLs: any spelling in, the canonical `Q161043` out, or a 400 that says what is expected. */
import { HttpError } from '../errors.js';

const ID = /^(?:q|kb)?0*(\d{1,7})$/i;

export function parseArticleId(raw: string): string {
  const m = ID.exec(raw.trim());
  if (!m) throw new HttpError(400, `"${raw.slice(0, 40)}" is not an article number; use the Q form such as Q161043 (or 161043).`);
  return `Q${Number(m[1])}`;
}
