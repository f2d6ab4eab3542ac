/**
 * KB article ids in every spelling the archive and users write them (`Q161043`, `Q0161043`, `q161043`)
 * reduced to the one canonical form `Q161043`.
 */
import path from 'node:path';

/** A whole token that is an article id: Q, optional leading zeros, 4 to 7 digits. */
const ID_TOKEN = /^[Qq]0*([1-9]\d{3,6})$/;

/** Canonical id (`Q161043`) for a token such as `q0161043`; undefined when the token is not an id. */
export function canonicalArticleId(token: string): string | undefined {
  const m = ID_TOKEN.exec(token.trim());
  return m ? `Q${m[1]}` : undefined;
}

/** An article number as people type it: `Q161043`, `q0161043`, `KB161043`, `KB: 161043`, `MSKB161043`, `161043`. */
const TYPED_NUMBER = /^(q|kb:?|mskb|article)?\s*0*(\d{1,7})$/i;

/**
 * The canonical id of a typed article number, whether a prefix was written, and how many digits it has
 * (callers decide whether a bare `32` is an article); undefined when the text is not an article number.
 */
export function readArticleNumber(text: string): { id: string; prefixed: boolean; digits: number } | undefined {
  const m = TYPED_NUMBER.exec(text.trim());
  return m ? { id: `Q${Number(m[2])}`, prefixed: m[1] !== undefined, digits: m[2].length } : undefined;
}

/** The number of a canonical id (`Q161043` -> 161043). */
export function articleNumberOf(id: string): number {
  return Number(id.slice(1));
}

/**
 * The id a file's name promises: the folder of a `README.md` (`kb/161/Q161043/README.md`) or the
 * file's own name (`Q161043.TXT`, `q161043.md`). Undefined when the name carries no id.
 */
export function articleIdFromPath(filePath: string): string | undefined {
  const base = path.basename(filePath);
  const stem = base.replace(/\.[^.]*$/, '');
  if (stem.toLowerCase() === 'readme') return canonicalArticleId(path.basename(path.dirname(filePath)));
  return canonicalArticleId(stem);
}

/** Mentions of other articles in running text: `Q123456`, `q0123456`, but not `XQ123456` or `Q1234567890`. */
const ID_MENTION = /[Qq]0*([1-9]\d{4,6})(?![0-9])/g;
/** Characters that may not come right before a mention (checked by hand: a lookbehind made the scan 2x slower). */
const WORD_CHAR = /[A-Za-z0-9_]/;

/** Each mention of an article in a text, with where it stands (for references and for linking on pages). */
export function* articleMentions(text: string): Generator<{ id: string; start: number; end: number }> {
  for (const m of text.matchAll(ID_MENTION)) {
    if (m.index > 0 && WORD_CHAR.test(text[m.index - 1])) continue;
    yield { id: `Q${m[1]}`, start: m.index, end: m.index + m[0].length };
  }
}

/** Canonical ids mentioned in the texts, in order of first mention, without `selfId`. */
export function findArticleReferences(texts: readonly string[], selfId: string): string[] {
  const seen = new Set<string>([selfId]);
  const refs: string[] = [];
  for (const text of texts) {
    for (const { id } of articleMentions(text)) {
      if (!seen.has(id)) {
        seen.add(id);
        refs.push(id);
      }
    }
  }
  return refs;
}
