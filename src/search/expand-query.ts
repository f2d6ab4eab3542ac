/**
 * The words of a query -> the archive's ways of saying the same thing (data/thesaurus.json): "locks up"
 * also searches "stops responding". Expressions match word by word on stems with stop words kept, so
 * "does not start" matches "doesn't start"'s group and never plain "start". Pure: the engine decides how
 * much an expansion weighs and which index terms it becomes.
 */
import lunr from 'lunr';
import data from './data/thesaurus.json' with { type: 'json' };

export interface ThesaurusGroup {
  /** Short name of what the group means ("stops responding"). */
  topic: string;
  /** How people put it: recognised in a query, never searched for on their behalf. */
  says: string[];
  /** How the archive puts it: searched when the query holds one of `says` (an archive expression the user typed is searched as typed). */
  archive: string[];
}

export interface Expansion {
  /** The query's words it stands for, as typed ("locks up"). */
  from: string;
  /** Positions of those words in the query's word list. */
  words: number[];
  /** The archive's expression searched as well ("stops responding"). */
  to: string;
  topic: string;
}

export interface ExpandOptions {
  /** Expressions the user removed (`to` values, any case): never searched. */
  skip?: Iterable<string>;
  thesaurus?: readonly ThesaurusGroup[];
}

export const THESAURUS: readonly ThesaurusGroup[] = data.groups;

interface Entry {
  stems: string[];
  group: number;
}

/** Entries by the stem of their first word, longest first; built once per thesaurus. */
const compiled = new WeakMap<readonly ThesaurusGroup[], Map<string, Entry[]>>();

function compile(thesaurus: readonly ThesaurusGroup[]): Map<string, Entry[]> {
  let byFirst = compiled.get(thesaurus);
  if (byFirst) return byFirst;
  byFirst = new Map();
  thesaurus.forEach((g, group) => {
    for (const expr of g.says) {
      const stems = stemsOf(expr);
      if (!stems.length) continue;
      const list = byFirst!.get(stems[0]) ?? [];
      list.push({ stems, group });
      byFirst!.set(stems[0], list);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  compiled.set(thesaurus, byFirst);
  return byFirst;
}

/** The archive expressions a query's words also stand for, in query order, each group once. */
export function expandQuery(words: readonly string[], options: ExpandOptions = {}): Expansion[] {
  const thesaurus = options.thesaurus ?? THESAURUS;
  const byFirst = compile(thesaurus);
  const skip = new Set([...(options.skip ?? [])].map((s) => s.trim().toLowerCase()));
  const stems = words.map(stemOf);
  const typed = stems.join(' ');
  const out: Expansion[] = [];
  const groupsSeen = new Set<number>();
  for (let i = 0; i < stems.length; i++) {
    for (const entry of byFirst.get(stems[i]) ?? []) {
      if (groupsSeen.has(entry.group) || !entry.stems.every((s, k) => stems[i + k] === s)) continue;
      groupsSeen.add(entry.group);
      const span = entry.stems.map((_, k) => i + k);
      const group = thesaurus[entry.group];
      for (const to of group.archive) {
        const toStems = stemsOf(to).join(' ');
        // Said already: the typed words search it at full weight.
        if (skip.has(to.toLowerCase()) || ` ${typed} `.includes(` ${toStems} `)) continue;
        out.push({ from: span.map((k) => words[k]).join(' '), words: span, to, topic: group.topic });
      }
    }
  }
  return out;
}

/** Lower case, curly apostrophes straightened, trimmed like lunr, stemmed; stop words are kept. */
export function stemOf(word: string): string {
  const w = word
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return w ? lunr.stemmer(new lunr.Token(w, {})).toString() : '';
}

function stemsOf(expression: string): string[] {
  return expression.split(/\s+/).map(stemOf).filter(Boolean);
}
