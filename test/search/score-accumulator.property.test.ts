/**
 * The score accumulator against a plain model of what its steps mean, over random small indexes and random
 * steps: every document holding a clause's term (in the fields an alternative allows) adds weight × idf ×
 * boost × posting weight, sets the clause's bit, and with `info` covers the clause's information times its
 * best match's credit once; a growing step brings new documents in, another only adds to those touched, a
 * pruning step drops those lacking the clause. The accumulator walks postings or looks documents up
 * (binary search) depending on how many it has touched, so the corpora are drawn large enough for both.
 * The seed is printed on failure (replay with FC_SEED=<seed>).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildIndex } from '../../src/search-index/build-index.js';
import { indexedDocumentOf } from '../../src/search-index/document.js';
import { FIELDS, type IndexData } from '../../src/search-index/index-data.js';
import { ScoreAccumulator, type Alternative, type Clause, type ScoreStep } from '../../src/search/score-accumulator.js';
import { fakeArticle } from '../support/articles.js';
import { SEED, replayWith } from '../support/seed.js';

const F = FIELDS.length;
/**
 * Made-up words, left whole by stemming; the first are in most articles, so their postings outnumber few touched
 * documents. The last, zqrr, is never drawn: every 29th article holds it (at most four).
 */
const WORDS = ['zqaa', 'zqbb', 'zqcc', 'zqdd', 'zqee', 'zqff', 'zqrr'];
const word = fc.integer({ min: 0, max: 99 }).map((r) => WORDS[r < 45 ? 0 : r < 65 ? 1 : r < 80 ? 2 : r < 90 ? 3 : r < 96 ? 4 : 5]);
const article = fc.record({
  title: fc.array(word, { maxLength: 3 }),
  symptoms: fc.array(word, { maxLength: 6 }),
  body: fc.array(word, { maxLength: 12 }),
});

function indexOf(docs: { title: string[]; symptoms: string[]; body: string[] }[]): IndexData {
  const articles = docs.map((d, i) =>
    fakeArticle(310000 + i, `t ${d.title.join(' ')}`, {
      symptoms: `s ${d.symptoms.join(' ')}${i % 29 === 0 ? ' zqrr' : ''}`,
      resolution: `r ${d.body.join(' ')}`,
    }),
  );
  return buildIndex(articles.map(indexedDocumentOf), articles.length, { sourceHash: 't' });
}

/** The postings of (term, field) as [document, weight] pairs. */
function postingsOf(index: IndexData, term: number, f: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = index.offsets[term * F + f]; p < index.offsets[term * F + f + 1]; p++) out.push([index.postings[p], index.weights[p]]);
  return out;
}

interface Setup {
  idfs: Float64Array;
  boosts: number[];
  credits: number[];
  power: number;
}

/** What the steps mean, written out plainly: a map of touched documents in the order first met. */
function model(index: IndexData, s: Setup, steps: ScoreStep[]) {
  const share = (w: number) => (s.power === 0 || w >= 1 ? 1 : Math.pow(w, s.power));
  const docs = new Map<number, { score: number; mask: number; covered: number }>();
  for (const step of steps) {
    const best = new Map<number, number>();
    const before = new Set(docs.keys());
    for (const alt of step.clause.alternatives) {
      for (const f of alt.fields ?? FIELDS.map((_, i) => i)) {
        for (const [d, w] of postingsOf(index, alt.term, f)) {
          if (!docs.has(d)) {
            if (!step.grow || before.has(d)) continue;
            docs.set(d, { score: 0, mask: 0, covered: 0 });
          }
          const doc = docs.get(d)!;
          doc.score += alt.weight * s.idfs[alt.term] * s.boosts[f] * w;
          doc.mask |= step.bit;
          best.set(d, Math.max(best.get(d) ?? 0, Math.fround((alt.credit ?? Math.min(1, alt.weight)) * s.credits[f] * share(w))));
        }
      }
    }
    if (step.info !== undefined) for (const [d, c] of best) docs.get(d)!.covered += step.info * c;
    if (step.prune) {
      for (const [d, doc] of docs) if (!(doc.mask & step.bit)) docs.delete(d);
      if (!docs.size) return docs;
    }
  }
  return docs;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const alternative = fc.record({
  term: fc.integer({ min: 0, max: WORDS.length - 1 }),
  weight: fc.constantFrom(0.3, 0.7, 1, 2),
  fields: fc.option(fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), { nil: undefined }),
  credit: fc.option(fc.constantFrom(0.25, 0.5, 1), { nil: undefined }),
});
/** A field boost and a field credit per field, and the power on coverage: the accumulator's setup. */
const boostsDraw = fc.array(fc.constantFrom(0.5, 1, 2.5, 4), { minLength: F, maxLength: F });
const creditsDraw = fc.array(fc.constantFrom(0.4, 0.8, 1), { minLength: F, maxLength: F });
const powerDraw = fc.constantFrom(0, 0.5, 2);
const stepDraw = fc.record({
  alternatives: fc.array(alternative, { minLength: 0, maxLength: 3 }),
  // Half the time the first step's word is zqrr: then few documents are touched and a common word's postings
  // outnumber them, so the next steps look the documents up instead of walking the postings.
  rareFirst: fc.boolean(),
  grow: fc.boolean(),
  prune: fc.boolean(),
  info: fc.option(fc.constantFrom(0.5, 1, 3), { nil: undefined }),
});

describe('search/score-accumulator (property)', () => {
  it(`scores, masks, coverage and the touched documents are what the steps mean (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 90 }),
        fc.array(stepDraw, { minLength: 1, maxLength: 5 }),
        boostsDraw,
        creditsDraw,
        powerDraw,
        fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: WORDS.length, maxLength: WORDS.length }),
        (docs, drawn, boosts, credits, power, termIdfs) => {
          const index = indexOf(docs);
          const idfs = new Float64Array(index.terms.length).fill(1);
          const termOfWord = WORDS.map((w) => index.termIds.get(w));
          WORDS.forEach((_, i) => termOfWord[i] !== undefined && (idfs[termOfWord[i]!] = termIdfs[i]));
          const steps: ScoreStep[] = drawn.map((s, i) => ({
            clause: {
              label: `c${i}`,
              required: true,
              alternatives: s.alternatives
                .map((a) => (i === 0 && s.rareFirst ? { ...a, term: WORDS.length - 1 } : a))
                .filter((a) => termOfWord[a.term] !== undefined)
                .map((a): Alternative => ({ ...a, term: termOfWord[a.term]! })),
            },
            bit: 1 << i,
            // The first step brings documents in: a search's does.
            grow: i === 0 || s.grow,
            prune: i > 0 && s.prune,
            info: s.info,
          }));
          const setup = { idfs, boosts, credits, power };
          const acc = new ScoreAccumulator(index, idfs, boosts, credits, power);
          const n = acc.run(steps);
          const want = model(index, setup, steps);
          assert.deepEqual(
            [...acc.touched.slice(0, n)].sort((a, b) => a - b),
            [...want.keys()].sort((a, b) => a - b),
          );
          for (const [d, doc] of want) {
            assert.ok(close(acc.scores[d], doc.score), `score of ${d}: ${acc.scores[d]} vs ${doc.score}`);
            assert.equal(acc.masks[d], doc.mask, `mask of ${d}`);
            assert.ok(close(acc.covered[d], doc.covered), `coverage of ${d}: ${acc.covered[d]} vs ${doc.covered}`);
          }
          for (let d = 0; d < index.docs.length; d++) {
            if (!want.has(d)) assert.ok(acc.scores[d] === 0 && acc.masks[d] === 0 && acc.covered[d] === 0, `untouched ${d} is zero`);
          }
          acc.reset(n);
          assert.ok(acc.scores.every((x) => x === 0) && acc.masks.every((x) => x === 0) && acc.covered.every((x) => x === 0), 'reset clears');
        },
      ),
      { numRuns: 300, seed: SEED, endOnFailure: true },
    );
  });

  it(`weightOf, costOf and boundOf agree with the postings (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 1, maxLength: 60 }),
        fc.array(alternative, { minLength: 1, maxLength: 3 }),
        boostsDraw,
        creditsDraw,
        powerDraw,
        (docs, alts, boosts, credits, power) => {
          const index = indexOf(docs);
          const idfs = Float64Array.from(index.df, (df) => 1 + 1 / df);
          const alternatives = alts
            .filter((a) => index.termIds.has(WORDS[a.term]))
            .map((a): Alternative => ({ ...a, term: index.termIds.get(WORDS[a.term])! }));
          const clause: Clause = { label: 'c', required: true, alternatives };
          const acc = new ScoreAccumulator(index, idfs, boosts, credits, power);
          const want = model(index, { idfs, boosts, credits, power }, [{ clause, bit: 1, grow: true, info: 1 }]);
          for (let d = 0; d < index.docs.length; d++) {
            const w = acc.weightOf(clause, d);
            assert.ok(close(w, want.get(d)?.score ?? 0), `weightOf ${d}: ${w} vs ${want.get(d)?.score ?? 0}`);
            assert.ok(close(acc.matchCredit, want.get(d)?.covered ?? 0), `matchCredit ${d}`);
            for (const a of alternatives)
              assert.equal(
                acc.holds(a.term, d),
                FIELDS.some((_, f) => postingsOf(index, a.term, f).some(([x]) => x === d)),
              );
          }
          let cost = 0;
          for (const a of alternatives) for (const f of a.fields ?? FIELDS.map((_, i) => i)) cost += postingsOf(index, a.term, f).length;
          assert.equal(acc.costOf(clause), cost);
          for (const a of alternatives) {
            const bound = acc.boundOf(a);
            // One alternative's weight in each document: the bound is the largest when it may match in every
            // field, and each field's best summed when it is restricted to some.
            const perDoc = model(index, { idfs, boosts, credits, power }, [{ clause: { label: 'a', required: true, alternatives: [a] }, bit: 1, grow: true }]);
            const best = Math.max(0, ...[...perDoc.values()].map((x) => x.score));
            if (a.fields) {
              let sum = 0;
              for (const f of a.fields) sum += Math.max(0, ...postingsOf(index, a.term, f).map(([, w]) => w)) * boosts[f];
              assert.ok(close(bound, sum * a.weight * idfs[a.term]), `bound of fields ${a.fields}`);
            } else assert.ok(close(bound, best), `bound ${bound} vs best ${best}`);
          }
        },
      ),
      { numRuns: 200, seed: SEED, endOnFailure: true },
    );
    assert.ok(replayWith().includes(String(SEED)));
  });
});
