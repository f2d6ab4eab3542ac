/**
 * The container both saved binary files use (the search index and the quoted-line index): a marker line, a
 * JSON header line padded with spaces to 8 bytes, then named sections, each starting on an 8-byte boundary so a
 * typed array can be laid over it; the header carries the body's length, CRC-32 and each section's span.
 */
import { crc32 } from 'node:zlib';

export const align8 = (n: number) => (n + 7) & ~7;

/** The bytes of a typed array, without copying. */
export const u8 = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export interface SectionSpan {
  offset: number;
  bytes: number;
}

/**
 * The head and body of a file holding `parts` in their order (`header`'s fields, then bodyBytes, crc32 and sections),
 * as the chunks to write: the parts themselves and the padding between them, not a copy of them all (on the archive
 * that copy was 380 MB more at the end of a build, its peak).
 */
export function packSections<N extends string>(magic: string, header: object, parts: readonly (readonly [N, Uint8Array])[]): Uint8Array[] {
  const sections = {} as Record<N, SectionSpan>;
  const body: Uint8Array[] = [];
  let crc = 0;
  let at = 0;
  for (const [name, bytes] of parts) {
    sections[name] = { offset: at, bytes: bytes.byteLength };
    body.push(bytes);
    crc = crc32(bytes, crc);
    const end = align8(at + bytes.byteLength);
    const padding = end - at - bytes.byteLength;
    if (padding > 0) {
      const zeros = Buffer.alloc(padding);
      body.push(zeros);
      crc = crc32(zeros, crc);
    }
    at = end;
  }
  const head = Buffer.from(magic + JSON.stringify({ ...header, bodyBytes: at, crc32: crc, sections }) + '\n', 'utf8');
  return [Buffer.concat([head, Buffer.alloc(align8(head.byteLength) - head.byteLength, 0x20)]), ...body];
}
