import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeArticleBytes } from '../../src/ingest/decode.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('ingest/decode', () => {
  const cases: { name: string; input: Buffer; text: string; encoding: string }[] = [
    { name: 'reads plain ASCII as utf-8', input: bytes('DOCUMENT:Q1\r\n'), text: 'DOCUMENT:Q1\r\n', encoding: 'utf-8' },
    { name: 'reads valid UTF-8 multibyte text as utf-8', input: Buffer.from('caf\u00e9 \u2019', 'utf8'), text: 'caf\u00e9 \u2019', encoding: 'utf-8' },
    {
      name: 'reads 0x92 and 0xE9 as windows-1252 (right quote, e acute)',
      input: bytes('it', [0x92], 's r', [0xe9], 'sum'),
      text: 'it\u2019s r\u00e9sum',
      encoding: 'windows-1252',
    },
    { name: 'reads a lone 0xB7 bullet as windows-1252 middle dot', input: bytes([0xb7], '  WIN.INI'), text: '\u00b7  WIN.INI', encoding: 'windows-1252' },
    { name: 'reads 0xA0 as a no-break space in windows-1252', input: bytes('File', [0xa0], 'Name'), text: 'File\u00a0Name', encoding: 'windows-1252' },
    { name: 'reads 0x81 (undefined in windows-1252) as cp437 u umlaut', input: bytes('Empf', [0x81], 'nger'), text: 'Empf\u00fcnger', encoding: 'cp437' },
    { name: 'reads runs of box-drawing bytes as cp437', input: bytes([0xda, 0xc4, 0xc4, 0xbf]), text: '\u250c\u2500\u2500\u2510', encoding: 'cp437' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = decodeArticleBytes(c.input);
      assert.deepEqual(out, { text: c.text, encoding: c.encoding });
    });
  }

  it('never emits U+FFFD for any single high byte', () => {
    for (let b = 0x80; b <= 0xff; b++) {
      const out = decodeArticleBytes(bytes('x', [b], 'y'));
      assert.ok('text' in out && !out.text.includes('\ufffd'), `byte 0x${b.toString(16)}`);
    }
  });

  it('reports bytes with NUL as binary', () => {
    assert.deepEqual(decodeArticleBytes(bytes('MZ', [0x90, 0x00, 0x03, 0x00], 'junk')), { binary: true });
  });

  it('reports text full of control bytes as binary', () => {
    assert.deepEqual(decodeArticleBytes(bytes([1, 2, 3, 4, 5, 6, 7, 8], 'abc')), { binary: true });
  });

  it('keeps tab, CR, LF and form feed as text', () => {
    assert.deepEqual(decodeArticleBytes(bytes('a\tb\r\nc\fd')), { text: 'a\tb\r\nc\fd', encoding: 'utf-8' });
  });
});
