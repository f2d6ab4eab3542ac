/**
 * Bytes of an article file -> text, naming the character set used.
 *
 * Nearly every archive file is UTF-8 (plain ASCII). The rest are Windows-era text: mostly
 * windows-1252 (0x92 ’, 0xE9 é, 0xA0 no-break space, 0xB7 · used as a bullet), a few are DOS
 * code page 437 (box drawing, or letters such as 0x81 ü that windows-1252 leaves undefined).
 * Both code pages are tables here: TextDecoder has no cp437, and Node 20's 'windows-1252' is really Latin-1.
 */
import { isAscii, isUtf8 } from 'node:buffer';

export type DecodedArticle = { text: string; encoding: string } | { binary: true };

// cp437 bytes 0x80-0xFF, in order.
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' + 'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

// windows-1252 bytes 0x80-0x9F (the rest of its upper half equals Latin-1). Undefined bytes keep their C1 code.
// A table rather than TextDecoder('windows-1252'): Node 20 decodes that label as Latin-1, turning 0x92 into U+0092.
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const utf8 = new TextDecoder('utf-8');

/**
 * Decode an article file's bytes. UTF-8 when the bytes are valid UTF-8; otherwise cp437 when the
 * bytes look like DOS text, else windows-1252. `{ binary: true }` when the bytes hold NUL or other
 * control characters no text file has (the caller reports the file as a 'binary' problem).
 */
export function decodeArticleBytes(bytes: Uint8Array): DecodedArticle {
  if (looksBinary(bytes)) return { binary: true };
  // Most files are ASCII: latin1 is the cheapest exact decoding of those and yields compact one-byte strings.
  if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'utf-8' };
  if (isUtf8(bytes)) return { text: utf8.decode(bytes), encoding: 'utf-8' };
  if (looksLikeCp437(bytes)) return { text: decodeCp437(bytes), encoding: 'cp437' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/** Bytes looked at for stray control characters; binary files show them from the start. */
const BINARY_SNIFF_BYTES = 1024;

/** NUL anywhere, or more than 1 in 100 of the first 1 KiB being C0 controls other than tab, CR, LF, FF, ESC, SUB. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) !== -1) return true;
  let controls = 0;
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x1a) controls++;
  }
  return controls > 0 && controls * 100 > n;
}

/** Bytes windows-1252 leaves undefined. A file using them was not written in windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * DOS text: it uses a byte windows-1252 does not define, or it draws with runs of three or more
 * box-drawing/shading bytes (0xB0-0xDF), which in windows-1252 would be nonsense such as `ÄÄÄ`.
 * A lone 0xB7 or 0xB0 stays windows-1252 (· bullet, ° degree), as the archive uses them.
 */
function looksLikeCp437(bytes: Uint8Array): boolean {
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      run = 0;
      continue;
    }
    if (UNDEFINED_IN_1252.has(b)) return true;
    run = b >= 0xb0 && b <= 0xdf ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  }
  return out;
}
