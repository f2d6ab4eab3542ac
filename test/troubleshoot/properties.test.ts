/**
 * Properties of the troubleshooter over the bundled kb/: any paste gives a well-formed answer whose evidence
 * points at the lines it quotes, and a fixture log still finds its article among noise, blank lines and
 * other line endings. The seed is random on purpose; a failure prints the seed and the shrunk input to
 * replay it (fc.assert(..., { seed, path })). The HTTP side is test/web/fuzz.test.ts.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DEFAULTS } from '../../src/config.js';
import { troubleshoot, type TroubleshootSources } from '../../src/troubleshoot/troubleshoot.js';
import type { TroubleshootResult } from '../../src/types.js';
import { LOG_FIXTURES_DIR, openKnowledgeBase, troubleshootSourcesOf } from '../support/app.js';
import { CONTROL, QUERY_SYNTAX, SQL_AND_PATHS, hostileText } from '../support/hostile.js';

let src: TroubleshootSources;
before(async () => {
  src = await troubleshootSourcesOf(await openKnowledgeBase());
});

const fixtureLines = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8').split(/\r\n|\r|\n/);
const FIXTURES = ['despooler-sms12.log', 'distmgr-sms20.log', 'eventlog-exchange.txt', 'drwtsn32.log', 'two-problems.log', 'iis-w3c.log', 'rules-event-1025.txt', 'nothing-known.log'];
/** What each fixture should diagnose first (test/fixtures/logs/README.md); rules-event-1025 fits two versions' articles alike. */
const EXPECTED: Record<string, string[]> = {
  'despooler-sms12.log': ['Q161043'],
  'distmgr-sms20.log': ['Q207416'],
  'eventlog-exchange.txt': ['Q188646'],
  'drwtsn32.log': ['Q900007'],
  'two-problems.log': ['Q900005', 'Q900006'],
  'iis-w3c.log': ['Q201740'],
  'rules-event-1025.txt': ['Q900010', 'Q900011'],
};

// What splitLogLines does to a physical line before the troubleshooter shows it.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const MAX_LINE_CHARS = 4000;
const shownLine = (physical: string) => {
  const raw = physical.slice(0, MAX_LINE_CHARS).replace(CONTROL_CHARS, '');
  return raw.length > 300 ? raw.slice(0, 300) + '…' : raw;
};

/** The answer is well formed for this paste: ordered diagnoses whose evidence quotes the lines it names. */
function assertWellFormed(paste: string, r: TroubleshootResult): void {
  const physical = paste.split(/\r\n|\r|\n/);
  assert.ok(r.signals.lines <= physical.length && r.signals.distinctLines <= r.signals.lines, `${r.signals.lines} lines read of ${physical.length}`);
  // Articles for another version than the one given or read off the paste move below the rest; within each part,
  // claims come before related reading, and each of those is by score.
  const fits = r.diagnoses.filter((d) => d.verdict?.applies !== false);
  const others = r.diagnoses.filter((d) => d.verdict?.applies === false);
  assert.deepEqual(r.diagnoses, [...fits, ...others]);
  for (const part of [fits, others]) {
    const claims = part.filter((d) => d.claim);
    assert.deepEqual(part, [...claims, ...part.filter((d) => !d.claim)], 'a claim below related reading');
    for (const group of [claims, part.filter((d) => !d.claim)]) {
      for (let i = 1; i < group.length; i++) assert.ok(group[i - 1].score >= group[i].score, `scores out of order: ${group.map((d) => d.score)}`);
    }
  }
  assert.equal(r.explained, !!r.diagnoses[0]?.claim && r.diagnoses[0].confidence >= 0.5, 'explained is the first diagnosis being a confident claim');
  assert.equal(new Set(r.diagnoses.map((d) => d.id)).size, r.diagnoses.length, 'an article is diagnosed twice');
  for (const d of r.diagnoses) {
    assert.ok(d.confidence >= 0 && d.confidence <= 1 && Number.isFinite(d.score) && d.group >= 1, `${d.id}: confidence ${d.confidence}, score ${d.score}, group ${d.group}`);
    assert.ok(d.evidence.length > 0, `${d.id} has no evidence`);
    for (const e of d.evidence) {
      assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= physical.length, `evidence line ${e.line} of ${physical.length}`);
      assert.equal(e.text, shownLine(physical[e.line - 1]), `evidence text of line ${e.line}`);
      assert.ok(e.similarity >= 0 && e.similarity <= 1, `similarity ${e.similarity}`);
    }
  }
  for (const u of r.unexplained) {
    assert.ok(u.line >= 1 && u.line <= physical.length, `unexplained line ${u.line}`);
    assert.ok(physical[u.line - 1].replace(CONTROL_CHARS, '').startsWith(u.text), `unexplained text of line ${u.line}`);
  }
}

// ---- Pastes -------------------------------------------------------------------------------------------

const allFixtureLines = FIXTURES.flatMap(fixtureLines);
const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n');
/** Lines that carry no error signal: junk, query syntax, control characters, the nothing-known log. */
const noiseLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.stringMatching(/^[a-z]{1,10}$/), { maxLength: 12 }).map((ws) => ws.join(' ')),
  fc.constantFrom(...QUERY_SYNTAX, ...SQL_AND_PATHS, ...CONTROL, ...fixtureLines('nothing-known.log'), '', ' \t ', 'x'.repeat(5000)),
).map((l) => l.replace(/[\r\n]+/g, ' '));
const anyLine = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allFixtureLines) }, { weight: 2, arbitrary: hostileText() }, { weight: 2, arbitrary: noiseLine });
const paste = fc.array(fc.tuple(anyLine, eol), { minLength: 1, maxLength: 50 }).map((ls) => ls.map(([l, e]) => l + e).join(''));

describe('troubleshoot properties', () => {
  it('answers any paste with ordered diagnoses whose evidence quotes the lines it names', () => {
    fc.assert(
      fc.property(paste, (p) => assertWellFormed(p, troubleshoot(src, p))),
      { numRuns: 300, includeErrorInReport: true },
    );
  });

  it('answers one line of 5 MB and the largest paste the app accepts, of random bytes read as latin1', () => {
    const line = 'failed to open C:\\SMS\\x\\10000A3B.INS WIN32 ERROR = 32 \u0000\ud800 '.repeat(90_000).slice(0, 5_000_000);
    const bytes = randomBytes(DEFAULTS.maxPasteBytes).toString('latin1');
    for (const p of [line, bytes]) assertWellFormed(p, troubleshoot(src, p));
  });

  /** A fixture's lines with noise lines put in at random places. */
  const withNoise = (file: string) =>
    fc.array(fc.tuple(fc.nat(), noiseLine), { minLength: 1, maxLength: 30 }).map((noise) => {
      const lines = fixtureLines(file);
      for (const [at, l] of noise) lines.splice(at % (lines.length + 1), 0, l);
      return lines.join('\n');
    });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`still finds ${expected.join(' or ')} among the first three for ${file} mixed with noise`, () => {
      fc.assert(
        fc.property(withNoise(file), (p) => {
          const ids = troubleshoot(src, p).diagnoses.slice(0, 3).map((d) => d.id);
          assert.ok(expected.some((id) => ids.includes(id)), `got ${ids}`);
        }),
        { numRuns: 40, includeErrorInReport: true },
      );
    });
  }

  it('claims no article for the nothing-known log mixed with noise', () => {
    fc.assert(
      fc.property(withNoise('nothing-known.log'), (p) => {
        const r = troubleshoot(src, p);
        assert.equal(r.explained, false);
        assert.deepEqual(r.diagnoses.filter((d) => d.claim).map((d) => `${d.id} ${d.confidence}`), []);
      }),
      { numRuns: 40, includeErrorInReport: true },
    );
  });

  it('gives the same diagnoses whatever the line endings and blank lines', () => {
    const blank = fc.constantFrom('', ' ', '\t', '  \t ');
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), eol, fc.array(fc.tuple(fc.nat(), blank), { maxLength: 10 }), (file, ending, blanks) => {
        const lines = fixtureLines(file);
        const scored = (r: TroubleshootResult) => r.diagnoses.map((d) => `${d.id} ${d.score}`);
        const expected = scored(troubleshoot(src, lines.join('\n')));
        for (const [at, l] of blanks) lines.splice(at % (lines.length + 1), 0, l);
        assert.deepEqual(scored(troubleshoot(src, lines.join(ending))), expected);
      }),
      { numRuns: 80, includeErrorInReport: true },
    );
  });
});
