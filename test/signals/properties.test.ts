/**
 * Properties of the signal extractors over any text: they never throw, what they return keeps its promises,
 * and they get through one huge line or a deeply repeated pattern (timed in `npm run bench:linear`). The seed is random on purpose;
 * a failure prints the seed and the shrunk input: FC_SEED=<seed> replays it (test/support/seed.ts).
 * findErrorCodes' linear-time tests are in error-codes.test.ts; the others' are here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../support/seed.js';
import { codeKeys, describeCode, findErrorCodes } from '../../src/signals/error-codes.js';
import { readFixStatus } from '../../src/signals/fix-status.js';
import { findHints } from '../../src/signals/hints.js';
import { SEVERITIES, collapseRepeats, splitLogLines, stripLogPrefix, type LogLine } from '../../src/signals/log-lines.js';
import { extractSignatures } from '../../src/signals/quoted-lines.js';
import { isMask, templateOf, templateSimilarity, templateTokens } from '../../src/signals/templates.js';
import { CODE_FAMILIES, FIX_STATES, type Section } from '../../src/types.js';
import { SIGNAL_WORST_CASES, repeatTo } from '../support/worst-case-inputs.js';
import { CODE_SPELLINGS, CONTROL, hostileText } from '../support/hostile.js';

const text = hostileText(20);
/** Lines of hostile text, code spellings and control characters, joined by any line ending. */
const paste = fc
  .array(fc.tuple(fc.oneof(text, fc.constantFrom(...CODE_SPELLINGS), fc.constantFrom(...CONTROL)), fc.constantFrom('\n', '\r\n', '\r', '\n\n', '')), {
    maxLength: 12,
  })
  .map((ls) => ls.map(([l, e]) => l + e).join(''));

// ---- Error codes --------------------------------------------------------------------------------------

describe('signals/error-codes properties', () => {
  it('finds only codes with a known family, a canonical key that decodes to itself, and their spelling from the text', () => {
    fc.assert(
      fc.property(paste, (s) => {
        for (const code of findErrorCodes(s)) {
          assert.ok((CODE_FAMILIES as readonly string[]).includes(code.family), code.family);
          assert.ok(code.key.startsWith(`${code.family}:`), `${code.key} is not a ${code.family} key`);
          const keys = codeKeys(code);
          assert.equal(keys[0], code.key);
          assert.equal(new Set(keys).size, keys.length, `keys repeat: ${keys}`);
          const decoded = describeCode(code.key);
          assert.equal(decoded?.key, code.key, `describeCode(${JSON.stringify(code.key)}) gave ${decoded?.key}`);
          assert.equal(decoded?.family, code.family);
          assert.ok(code.text && s.toLowerCase().includes(code.text.toLowerCase()), `${JSON.stringify(code.text)} is not in the text`);
        }
      }),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });

  it('decodes any single spelling or key without throwing, to a key that decodes to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.constantFrom(...CODE_SPELLINGS, 'win32:32', 'hresult:0x80070020', 'jet:-1018', 'stop:0xa', 'win32:', 'nope:1', 'tool:', 'sqlstate:zzzzz'),
        ),
        (s) => {
          const code = describeCode(s);
          if (code) assert.equal(describeCode(code.key)?.key, code.key, `${JSON.stringify(s)} -> ${code.key}`);
        },
      ),
      { numRuns: 1500, includeErrorInReport: true },
    );
  });

  // Words that give a number no error context (no error, rc, return, state, stop, NET, JET or database word).
  // prettier-ignore
  const PROSE = ['files', 'copied', 'bytes', 'sent', 'to', 'the', 'server', 'package', 'were', 'retry', 'later', 'in', 'of', 'at', 'users', 'processed', 'items', 'rows', 'seconds', 'after', 'queued', 'jobs', 'site', 'client', 'machines', 'minutes', 'total', 'found', 'records', 'now', 'page', 'line'];
  it('reads no code in prose whose numbers follow no error word ("1043 files copied")', () => {
    // Numbers below eight digits: 8-digit values starting 8 or 9 are HRESULTs wherever they stand.
    const number = fc.oneof(
      fc.integer({ min: 0, max: 9_999_999 }).map(String),
      fc.integer({ min: 1, max: 9_999_999 }).map((n) => `-${n}`),
      fc.constantFrom('1.2', '4.0', '3,500', '(32)', '#5', '32:'),
    );
    const word = fc.oneof(fc.constantFrom(...PROSE), number);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.constantFrom(' ', '  ', '\t', ', ', '\n'), (ws, sep) => {
        const s = ws.join(sep);
        assert.deepEqual(
          findErrorCodes(s).map((c) => c.key),
          [],
          s,
        );
      }),
      { numRuns: 1500, includeErrorInReport: true },
    );
  });

  it('reads each line on its own: the codes of lines joined are the codes of each line', () => {
    // STOP parameters may continue on the next line in parentheses; such lines are left out here.
    const line = fc
      .oneof(
        fc.constantFrom(...CODE_SPELLINGS),
        text.map((s) => s.replace(/[\r\n]/g, ' ')),
      )
      .filter((l) => !/^[ \t]*[({]/.test(l));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const keysOf = (s: string) => [...new Set(findErrorCodes(s).map((c) => c.key))].sort();
        const each = [...new Set(lines.flatMap(keysOf))].sort();
        assert.deepEqual(keysOf(lines.join('\n')), each);
      }),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });
});

// ---- Templates ----------------------------------------------------------------------------------------

/** Words after which templateOf keeps a number as a code (and words it skips on the way back to one). */
// prettier-ignore
const CODE_WORDS = new Set(['error', 'err', 'errno', 'errorcode', 'code', 'stop', 'event', 'id', 'eventid', 'status', 'msg', 'win32', 'exception', 'rc', 'hresult', 'sqlstate', 'return', 'returned', 'exit', 'ntstatus', 'bugcheck', 'lasterror', 'reason', 'http', 'number', 'no']);
const word = fc.stringMatching(/^[a-z]{2,9}$/).filter((w) => !CODE_WORDS.has(w) && w !== 'am' && w !== 'pm' && !/^([xn])\1+$/.test(w));

const hex = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: min, maxLength: max });
// Names end in a letter or digit: trailing punctuation is peeled off a chunk before it is read as a path.
const dirName = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9_$~-]{0,8}[A-Za-z0-9])?$/);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Values that differ from machine to machine, by the mask the template writes for them. */
const VARIABLE: Record<string, fc.Arbitrary<string>> = {
  '<path>': fc.oneof(
    fc.tuple(fc.constantFrom(...'CDEcdz'), fc.array(dirName, { minLength: 1, maxLength: 4 })).map(([d, ds]) => `${d}:\\${ds.join('\\')}`),
    fc.tuple(dirName, fc.array(dirName, { minLength: 1, maxLength: 3 })).map(([srv, ds]) => `\\\\${srv}\\${ds.join('\\')}`),
    fc.array(dirName, { minLength: 2, maxLength: 4 }).map((ds) => `/${ds.join('/')}`),
  ),
  '<guid>': fc.tuple(fc.uuid(), fc.boolean(), fc.boolean()).map(([u, braces, upper]) => {
    const g = upper ? u.toUpperCase() : u;
    return braces ? `{${g}}` : g;
  }),
  '<date>': fc
    .tuple(fc.integer({ min: 1980, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('iso', 'us', 'dots', 'ncsa'))
    .map(([y, m, d, style]) =>
      style === 'iso'
        ? `${y}-${pad(m)}-${pad(d)}`
        : style === 'us'
          ? `${m}/${d}/${y}`
          : style === 'dots'
            ? `${pad(d)}.${pad(m)}.${y}`
            : `${pad(d)}/${['Jan', 'Mar', 'Oct'][m % 3]}/${y}`,
    ),
  '<time>': fc
    .tuple(
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.option(fc.integer({ min: 0, max: 59 })),
      fc.option(fc.integer({ min: 0, max: 999 })),
      fc.constantFrom('', ' AM', ' pm'),
    )
    .map(([h, m, s, ms, ampm]) => `${h}:${pad(m)}${s === null ? '' : `:${pad(s)}${ms === null ? '' : `.${pad(ms, 3)}`}`}${ampm}`),
  '<num>': fc.oneof(
    fc.nat().map(String),
    fc.tuple(fc.nat(9999), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
  ),
  // Addresses, not codes: eight hex digits starting 8 or C are HRESULT/NTSTATUS values and are kept.
  '<hex>': hex(1, 16)
    .filter((h) => !(h.length === 8 && /^[89c]/i.test(h)))
    .map((h) => `0x${h}`),
  '<ip>': fc.tuple(fc.ipV4(), fc.option(fc.integer({ min: 1, max: 65535 }))).map(([ip, port]) => (port === null ? ip : `${ip}:${port}`)),
};
/** One part of a line: a word (the same in both copies) or two values of one kind, with the mask they become. */
const part = fc.oneof(
  { weight: 3, arbitrary: word.map((w) => ({ a: w, b: w, template: w })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...Object.keys(VARIABLE)).chain((mask) => fc.tuple(VARIABLE[mask], VARIABLE[mask]).map(([a, b]) => ({ a, b, template: mask }))),
  },
);

/** A template read again: its masks read as article placeholders (`<var>`), `<file>.ins` as a placeholder and its extension. */
const asReadAgain = (template: string) =>
  template
    .split(' ')
    .flatMap((t) => (t.startsWith('<file>.') ? ['<var>', templateOf(t.slice('<file>.'.length))] : isMask(t) ? ['<var>'] : [t]))
    .filter(Boolean)
    .join(' ');

describe('signals/templates properties', () => {
  it('templates any text into lower-case tokens joined by single spaces', () => {
    fc.assert(
      fc.property(paste, (s) => {
        const t = templateOf(s);
        if (!t) return;
        assert.equal(t, t.toLowerCase());
        for (const token of t.split(' ')) assert.ok(token && !/\s/.test(token), `token ${JSON.stringify(token)} in ${JSON.stringify(t)}`);
      }),
      { numRuns: 800, includeErrorInReport: true },
    );
  });

  it('masks paths, GUIDs, dates, times, numbers, hex addresses and IPs, whatever their values', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 10 }), (parts) => {
        const expected = parts.map((p) => p.template).join(' ');
        assert.equal(templateOf(parts.map((p) => p.a).join(' ')), expected);
        assert.equal(templateOf(parts.map((p) => p.b).join(' ')), expected);
      }),
      { numRuns: 1500, includeErrorInReport: true },
    );
  });

  // Found by the property above (session 4); fixed with signature format 3.
  it('masks a bare drive root like any other path ("on C:\\" and "on D:\\")', () => {
    assert.equal(templateOf('no space left on C:\\'), 'no space left on <path>');
    assert.equal(templateOf('no space left on C:\\'), templateOf('no space left on D:\\'));
  });
  it('masks a number with thousands separators as one number ("1,024")', () => {
    assert.equal(templateOf('copied 1,024 files'), templateOf('copied 12 files'));
  });

  it('reads a template again as the same template, its masks as placeholders', () => {
    // Nothing templates a template twice; this pins that a template's words and codes are stable.
    fc.assert(
      fc.property(
        fc.oneof(
          paste,
          fc.array(part, { maxLength: 10 }).map((ps) => ps.map((p) => p.a).join(' ')),
        ),
        (s) => {
          const t = templateOf(s);
          assert.equal(templateOf(t), asReadAgain(t), JSON.stringify(s));
        },
      ),
      { numRuns: 800, includeErrorInReport: true },
    );
  });

  it('gives as template tokens only the words and codes of the template', () => {
    fc.assert(
      fc.property(paste, (s) => {
        const t = templateOf(s);
        const all = new Set(t.split(' '));
        for (const token of templateTokens(t)) {
          assert.ok(all.has(token), token);
          assert.ok(!isMask(token) && token.length >= 2, token);
        }
      }),
      { numRuns: 600, includeErrorInReport: true },
    );
  });

  it('scores similarity within [0, 1], 1 for identical templates and 0 against nothing', () => {
    fc.assert(
      fc.property(paste, paste, (x, y) => {
        const [a, b] = [templateOf(x), templateOf(y)];
        for (const s of [templateSimilarity(a, b), templateSimilarity(b, a)]) assert.ok(s >= 0 && s <= 1, `similarity ${s}`);
        if (a) assert.equal(templateSimilarity(a, a), 1);
        assert.equal(templateSimilarity(a, ''), 0);
        assert.equal(templateSimilarity('', a), 0);
      }),
      { numRuns: 600, includeErrorInReport: true },
    );
  });

  // Not symmetric by design: an article line inside a longer pasted line matches; the reverse does not.
  it('scores an article line found whole inside a longer pasted line at 0.85 or more, and above the reverse', () => {
    const words = (min: number, max: number) => fc.array(fc.oneof(word, fc.constantFrom('<path>', '<num>', 'the', 'to')), { minLength: min, maxLength: max });
    fc.assert(
      fc.property(words(2, 12), words(0, 6), words(0, 6), (line, before, after) => {
        fc.pre(before.length + after.length <= line.length / 2 && line.some((w) => !isMask(w)));
        const article = line.join(' ');
        const pasted = [...before, ...line, ...after].join(' ');
        const s = templateSimilarity(pasted, article);
        assert.ok(s >= 0.85, `${s} for ${JSON.stringify(article)} in ${JSON.stringify(pasted)}`);
        assert.ok(s >= templateSimilarity(article, pasted));
      }),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });
});

// ---- Quoted lines -------------------------------------------------------------------------------------

const KINDS = ['symptoms', 'cause', 'more-information', 'resolution', 'workaround', 'summary', 'references', 'keywords', 'applies-to'];
const SKIPPED = new Set(['references', 'keywords', 'applies-to']);
const INTROS = [
  'You receive the following error message:',
  'The despooler logs the following error:',
  'An error similar to the following appears',
  'The event log shows:',
];
/** Words of made-up message lines, none of which starts a command, code or table row. */
// prettier-ignore
const MESSAGE_WORDS = ['cannot', 'open', 'instruction', 'file', 'server', 'package', 'failed', 'despooler', 'access', 'denied', 'network', 'found', 'retry', 'sender', 'connect', 'database', 'corrupt', 'service', 'started', 'unable', 'locate', 'printer', 'driver', 'timeout', 'expired', 'mailbox', 'queue'];
const messageLine = fc.uniqueArray(fc.constantFrom(...MESSAGE_WORDS), { minLength: 3, maxLength: 9 }).map((ws) => ws.join(' '));
const indent = fc.constantFrom('', '', '  ', '    ', '     ', '\t', '        ');
const sectionText = fc
  .array(
    fc.tuple(
      indent,
      fc.oneof(
        fc.constantFrom(...INTROS, ''),
        messageLine,
        text.map((s) => s.replace(/[\r\n]/g, ' ')),
        fc.constantFrom(...CODE_SPELLINGS),
      ),
    ),
    { maxLength: 14 },
  )
  .map((ls) => ls.map(([i, l]) => i + l).join('\n'));
const sections: fc.Arbitrary<Section[]> = fc.array(
  fc.tuple(fc.constantFrom(...KINDS), sectionText).map(([kind, t]) => ({ kind, heading: kind.toUpperCase(), text: t })),
  { maxLength: 4 },
);

describe('signals/quoted-lines properties', () => {
  it('extracts from any sections only distinct, templated, short lines of the sections it reads', () => {
    fc.assert(
      fc.property(sections, (ss) => {
        const sigs = extractSignatures(ss);
        assert.equal(new Set(sigs.map((s) => s.template)).size, sigs.length, 'templates repeat');
        for (const sig of sigs) {
          assert.equal(sig.template, templateOf(sig.line));
          assert.ok(sig.line.length > 0 && sig.line.length <= 400, `${sig.line.length}-character line`);
          assert.ok(ss.some((s) => s.kind === sig.section) && !SKIPPED.has(sig.section), sig.section);
          assert.ok(new Set(templateTokens(sig.template)).size >= 2, sig.template);
        }
      }),
      { numRuns: 500, includeErrorInReport: true },
    );
  });

  it('extracts an indented message line under "the following error message:" among any other sections', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTROS),
        messageLine,
        indent.filter((i) => i.length >= 2),
        sections,
        (intro, message, pad, others) => {
          const quoting: Section = { kind: 'symptoms', heading: 'SYMPTOMS', text: `${intro}\n\n${pad}${message}\n` };
          const sigs = extractSignatures([...others, quoting]);
          assert.ok(
            sigs.some((s) => s.line === message && s.template === templateOf(message)),
            `${JSON.stringify(message)} not among ${JSON.stringify(sigs.map((s) => s.line))}`,
          );
        },
      ),
      { numRuns: 500, includeErrorInReport: true },
    );
  });
});

// ---- Log lines ----------------------------------------------------------------------------------------

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const W3C_HEADER = /^#(?:Fields|Software|Version|Date|Remark|Start-Date|End-Date):/i;
/** Log lines as loggers write them: SMS suffixes, CCM records, event-log rows, syslog, bracketed levels. */
const LOG_LINES = [
  'failed to open C:\\SMS\\x\\10000A3B.INS WIN32 ERROR = 32  $$<SMS_DESPOOLER><01-01-1999 12:00:00><thread=11C>',
  '<![LOG[Failed to copy package]LOG]!><time="09:12:45.029+300" date="03-14-2000" component="SMS_DISTRIBUTION_MANAGER" type="3" thread="2208">',
  'Error\t4/21/1999\t5:35:52 PM\tESE97\tNone\t118\tN/A\tSERVER1\tMSExchangeIS ((228) ) Error -1018 on page 4711',
  '1999-04-21 17:35:52 [ERROR] cannot connect to the server',
  'Nov  4 13:07:27 host1 smbd[1234]: access denied',
  '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
  '12:00:01',
  '[0x02EB] PID 12 TID 7: retry later',
];
const logLine = fc.oneof(
  fc.constantFrom(...LOG_LINES),
  text.map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom('', ' ', '\t', '\u0000\u0001'),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** The physical lines of a paste, as splitLogLines numbers them (CRLF is one break). */
const physicalLines = (s: string) => s.split(/\r\n|\r|\n/);

describe('signals/log-lines properties', () => {
  it('keeps every line but blank lines, W3C headers and bare decoration, numbered as pasted, cut and cleaned', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(logLine, eol), { maxLength: 20 }), fc.integer({ min: 1, max: 300 }), (ls, maxLineChars) => {
        const s = ls.map(([l, e]) => l + e).join('');
        const lines = splitLogLines(s, { maxLineChars });
        const physical = physicalLines(s);
        const byN = new Map(lines.map((l) => [l.n, l]));
        assert.equal(byN.size, lines.length, 'line numbers repeat');
        for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1].n < lines[i].n, 'line numbers out of order');
        physical.forEach((p, i) => {
          const raw = p.slice(0, maxLineChars).replace(CONTROL_CHARS, '');
          const line = byN.get(i + 1);
          if (line) {
            assert.equal(line.raw, raw);
            assert.ok(
              line.message && line.message === line.message.trim() && raw.includes(line.message),
              `message ${JSON.stringify(line.message)} of ${JSON.stringify(raw)}`,
            );
            if (line.severity) assert.ok((SEVERITIES as readonly string[]).includes(line.severity));
          } else {
            assert.ok(!raw.trim() || W3C_HEADER.test(raw) || stripLogPrefix(raw).message === '', `line ${i + 1} ${JSON.stringify(raw)} was lost`);
          }
        });
      }),
      { numRuns: 800, includeErrorInReport: true },
    );
  });

  it('reads a paste the same whatever its line endings', () => {
    fc.assert(
      fc.property(fc.array(logLine, { maxLength: 15 }), eol, eol, (ls, e1, e2) => {
        assert.deepEqual(splitLogLines(ls.join(e2)), splitLogLines(ls.join(e1)));
      }),
      { numRuns: 800, includeErrorInReport: true },
    );
  });

  it('reads no more than maxLines lines', () => {
    fc.assert(
      fc.property(fc.array(logLine, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (ls, maxLines) => {
        for (const line of splitLogLines(ls.join('\n'), { maxLines })) assert.ok(line.n <= maxLines, `line ${line.n}`);
      }),
      { numRuns: 500, includeErrorInReport: true },
    );
  });

  it('strips any line to a trimmed part of itself', () => {
    fc.assert(
      fc.property(fc.oneof(logLine, text), (s) => {
        const { message, severity } = stripLogPrefix(s);
        assert.ok(message === message.trim() && s.includes(message), JSON.stringify(message));
        if (severity) assert.ok((SEVERITIES as readonly string[]).includes(severity));
      }),
      { numRuns: 1500, includeErrorInReport: true },
    );
  });

  it('collapses repeats without losing a line: counts add up, no two neighbours share a message', () => {
    const line: fc.Arbitrary<LogLine> = fc.tuple(fc.nat(), fc.constantFrom('a', 'b', 'c')).map(([n, message]) => ({ n, raw: message, message }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const before = structuredClone(lines);
        const out = collapseRepeats(lines);
        assert.deepEqual(lines, before, 'the input is left as it was');
        assert.deepEqual(
          out.flatMap((l) => Array(l.count ?? 1).fill(l.message)),
          lines.map((l) => l.message),
        );
        for (let i = 1; i < out.length; i++) assert.notEqual(out[i].message, out[i - 1].message);
      }),
      { numRuns: 500, includeErrorInReport: true },
    );
  });
});

// ---- Fix status and hints -----------------------------------------------------------------------------

const FIX_SENTENCES = [
  'This problem was corrected in Windows NT 4.0 Service Pack 4.',
  'Microsoft has confirmed this to be a problem in SMS 1.2.',
  'This problem was first corrected in the latest U.S. Service Pack for Exchange Server version 5.0.',
  'This behavior is by design.',
  'We are researching this problem and will post new information here as it becomes available.',
  'To resolve this problem, obtain the latest service pack for SNA Server 4.0.',
  'This problem no longer occurs in version 4.0.',
  'A supported fix is now available, but is only intended to correct the problem described in this article.',
  'the products listed at the beginning of this article',
  'S E R V P A C K',
  'Additional query words: corrected',
];
const statusText = fc.array(fc.oneof(fc.constantFrom(...FIX_SENTENCES), text), { maxLength: 6 }).map((ss) => ss.join(' '));
const fixInput = fc.record({
  sections: fc.array(
    fc.record({
      kind: fc.constantFrom('status', 'resolution', 'more-information', 'cause', 'symptoms', 'workaround'),
      heading: fc.constantFrom('STATUS', 'RESOLUTION', 'MORE INFORMATION', ''),
      text: statusText,
    }),
    { maxLength: 3 },
  ),
  keywords: fc.array(
    fc.oneof(
      fc.constantFrom('kbbug', 'kbfix', 'kbsms120sp1fix', 'kbwinnt400sp4fix', 'fixlist400', 'kbnofix', 'buglist2.0', 'kbexchangebug'),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 4 },
  ),
  appliesTo: fc.array(fc.constantFrom('Microsoft Systems Management Server version 1.2', '- Microsoft Exchange Server 5.5', ''), { maxLength: 2 }),
  products: fc.array(fc.constantFrom('Microsoft Systems Management Server', 'Microsoft Exchange Server'), { maxLength: 2 }),
  title: text,
});

describe('signals/fix-status properties', () => {
  it('reads any article into one of FIX_STATES, naming a fix only when the state is fixed', () => {
    fc.assert(
      fc.property(fixInput, (article) => {
        const status = readFixStatus(article);
        assert.ok((FIX_STATES as readonly string[]).includes(status.state), status.state);
        if (status.state !== 'fixed') assert.deepEqual([status.fixedIn, status.fixedVersions], [undefined, []], status.state);
        for (const v of [...status.affected, ...status.fixedVersions]) assert.equal(typeof v, 'string');
        if (status.researching !== undefined) assert.equal(status.researching, true);
      }),
      { numRuns: 800, includeErrorInReport: true },
    );
  });
});

describe('signals/hints properties', () => {
  const mention = fc.constantFrom(
    'SMS 1.2',
    'SMS 2.0 SP1',
    'Windows NT 4.0 Service Pack 5',
    'Windows NT Server version 4.0 U.S. Service Pack 4',
    'Build 1381',
    'Exchange Server 5.5',
    'MSExchangeIS',
    'SMS_DESPOOLER',
    'SMS_CLIENT_CONFIG_MANAGER',
    'despool.log',
    'Windows 2000',
    'NT4 SP6a',
    'SNA Server 4.0',
    'Visual C++ 6.0',
    'IIS 4.0',
  );
  it('lists products, components and versions once each, each version of a product it lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mention, text), { maxLength: 10 }).map((ps) => ps.join(' ')),
        (s) => {
          const h = findHints(s);
          for (const list of [h.products, h.components, h.versions]) assert.equal(new Set(list).size, list.length, `repeats in ${list}`);
          for (const c of h.components) assert.equal(c, c.toLowerCase());
          for (const v of h.versions) {
            const [product, version] = v.split(':');
            assert.ok(h.products.includes(product) && version, `${v} of a product not listed (${h.products})`);
          }
        },
      ),
      { numRuns: 1000, includeErrorInReport: true },
    );
  });
});

// ---- Worst-case input ---------------------------------------------------------------------------------

describe('signals worst-case input', () => {
  // The timing is in the bench (npm run bench:linear); here each scanner must get through 100,000 characters of
  // each pattern (quadratic backtracking would not finish) and keep its promises.
  for (const c of SIGNAL_WORST_CASES) {
    it(`${c.name} reads 100,000 characters of a repeated pattern`, () => {
      for (const p of c.patterns) assert.doesNotThrow(() => c.run(repeatTo(p)(100_000)), p);
    });
  }
});
