/**
 * IndexData <-> one file. Layout: a magic line, one JSON header line, then binary sections at 8-byte
 * aligned offsets so typed arrays view the file's bytes without copying. The header carries the format
 * version and a CRC-32 of the body: a file from another version, a truncated or a corrupt one is refused
 * with a message saying why and that it will be rebuilt.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { IndexFormatError } from '../errors.js';
import type { DocMeta, IndexData } from './index-data.js';
import { FIELDS, SortedTermLookup } from './index-data.js';
import { PairTable } from './pair-table.js';
import { writeFileAtomically } from './atomic-file.js';
import { readHeaderLine, readHeaderLineOf } from './header-line.js';
import { align8, packSections, u8, type SectionSpan } from './sectioned-file.js';
import { encodeStrings, StringTable } from './string-table.js';

/** Bump when the layout, the analysis or the fields change: older files are then rebuilt. */
// 9: error codes read as "STOP 0000007B" and "error no. 32" (not "error 5%"), and "winnt /b" is a command, not a quoted message.
// 10: "Run time error 5" withholds the Win32 name as "run-time error 5" does; SQLSTATE 3D000 is read near an ODBC word; a unit
// in the singular is a count only after 1 ("error 1 time"; "error 2 file not found" is error 2).
export const INDEX_FORMAT_VERSION = 10;
export const INDEX_MAGIC = 'KBSLEUTH-INDEX\n';
const MAGIC = INDEX_MAGIC;

export type SectionName =
  | 'terms'
  | 'termStarts'
  | 'sortedTerms'
  | 'pairKeys'
  | 'pairTerms'
  | 'df'
  | 'offsets'
  | 'postings'
  | 'weights'
  | 'docs'
  | 'docStarts'
  | 'docIds'
  | 'docIdStarts'
  | 'docIdOrder';
export interface IndexHeader {
  format: number;
  fields: readonly string[];
  sourceHash: string;
  builtAt: string;
  termCount: number;
  docCount: number;
  avgFieldLengths: number[];
  bodyBytes: number;
  crc32: number;
  sections: Record<SectionName, SectionSpan>;
}

/** Writes the index to `file` atomically: a crash mid-write leaves the previous file in place. */
export function saveIndex(file: string, index: IndexData): void {
  const { keys: pairKeys, values: pairTerms } = index.pairIds;
  // One-word terms only, in sortedTerms order: pair ids have no string. Each term's start is saved so a
  // command can look a few up without splitting them all (index-reader.ts).
  const words = encodeStrings(Array.from(index.sortedTerms, (id) => index.terms[id]));
  // One JSON line per document, and the ids sorted with their document numbers: a command parses the few
  // documents it shows instead of all of them.
  const docLines = encodeStrings(index.docs.map((d) => JSON.stringify(d)));
  const idOrder = index.docs.map((_, i) => i).sort((a, b) => (index.docs[a].id < index.docs[b].id ? -1 : index.docs[a].id > index.docs[b].id ? 1 : 0));
  const ids = encodeStrings(idOrder.map((d) => index.docs[d].id));
  const parts: [SectionName, Uint8Array][] = [
    ['terms', words.blob],
    ['termStarts', u8(words.starts)],
    ['sortedTerms', u8(index.sortedTerms)],
    ['pairKeys', u8(pairKeys)],
    ['pairTerms', u8(pairTerms)],
    ['df', u8(index.df)],
    ['offsets', u8(index.offsets)],
    ['postings', u8(index.postings)],
    ['weights', u8(index.weights)],
    ['docs', docLines.blob],
    ['docStarts', u8(docLines.starts)],
    ['docIds', ids.blob],
    ['docIdStarts', u8(ids.starts)],
    ['docIdOrder', u8(Uint32Array.from(idOrder))],
  ];
  const header = {
    format: INDEX_FORMAT_VERSION,
    fields: FIELDS,
    sourceHash: index.sourceHash,
    builtAt: index.builtAt,
    termCount: index.terms.length,
    docCount: index.docs.length,
    avgFieldLengths: index.avgFieldLengths,
  };
  writeFileAtomically(file, packSections(MAGIC, header, parts));
}

/** Reads the header only: which sources and version a saved index is for, without loading it. */
export function readIndexHeader(file: string): { format: number; sourceHash: string; builtAt: string; docCount: number } {
  return parseHeader(readHeaderLineOf(file, MAGIC.length), file).header;
}

/**
 * The header of a saved index from its first line (read with readHeaderLine), checked; `bodyStart` is the file
 * offset of the sections. `fix` ends the error messages: what will be done, or what to do.
 */
export function parseHeader(buf: Buffer, file: string, fix = 'it will be rebuilt from the articles'): { header: IndexHeader; bodyStart: number } {
  if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) {
    throw new IndexFormatError(`search-index: ${file} is not a kbsleuth index file (no ${JSON.stringify(MAGIC.trim())} marker); ${fix}.`);
  }
  const nl = buf.indexOf(0x0a, MAGIC.length);
  if (nl < 0) throw new IndexFormatError(`search-index: ${file} has no header line (truncated?); ${fix}.`);
  let header: IndexHeader;
  try {
    header = JSON.parse(buf.subarray(MAGIC.length, nl).toString('utf8'));
  } catch (err) {
    throw new IndexFormatError(`search-index: ${file} has an unreadable header (corrupt?); ${fix}.`, { cause: err });
  }
  if (header.format !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(
      `search-index: ${file} is format ${header.format} but this kbsleuth reads format ${INDEX_FORMAT_VERSION} ` +
        `(it was written by another version); ${fix}.`,
    );
  }
  if (JSON.stringify(header.fields) !== JSON.stringify(FIELDS)) {
    throw new IndexFormatError(`search-index: ${file} was built with fields ${header.fields.join(',')} but this build uses ${FIELDS.join(',')}; ${fix}.`);
  }
  const lengths = header.avgFieldLengths;
  if (!Array.isArray(lengths) || lengths.length !== FIELDS.length || !lengths.every((x) => typeof x === 'number' && x >= 0)) {
    throw new IndexFormatError(`search-index: ${file} has no average field lengths in its header (corrupt?); ${fix}.`);
  }
  return { header, bodyStart: align8(nl + 1) };
}

/** Loads a saved index; throws IndexFormatError when it is foreign, from another version, truncated or corrupt. */
export function loadIndex(file: string): IndexData {
  const buf = readFileSync(file);
  const { header, bodyStart } = parseHeader(buf, file);
  let body = buf.subarray(bodyStart);
  if (body.byteLength !== header.bodyBytes) {
    throw new IndexFormatError(
      `search-index: ${file} holds ${body.byteLength} bytes of index but its header says ${header.bodyBytes} (truncated?); it will be rebuilt.`,
    );
  }
  if (crc32(body) !== header.crc32) {
    throw new IndexFormatError(`search-index: ${file} fails its checksum (corrupt); it will be rebuilt from the articles.`);
  }
  // Typed arrays need aligned offsets; a Buffer from a pool may not start on one.
  if (body.byteOffset % 8 !== 0) body = Buffer.from(body);
  const view = (name: SectionName) => body.subarray(header.sections[name].offset, header.sections[name].offset + header.sections[name].bytes);
  const typed = <T>(name: SectionName, Ctor: new (b: ArrayBufferLike, o: number, l: number) => T, size: number): T => {
    const v = view(name);
    return new Ctor(v.buffer, v.byteOffset, v.byteLength / size);
  };
  const sortedTerms = typed('sortedTerms', Uint32Array, 4);
  const words = new StringTable(view('terms'), typed('termStarts', Uint32Array, 4)).all();
  if (words.length !== sortedTerms.length)
    throw new IndexFormatError(`search-index: ${file} lists ${words.length} terms, expected ${sortedTerms.length}; it will be rebuilt.`);
  const terms = new Array<string>(header.termCount);
  for (let i = 0; i < words.length; i++) terms[sortedTerms[i]] = words[i];
  const termIds = new SortedTermLookup(terms, sortedTerms);
  const pairKeys = typed('pairKeys', Float64Array, 8);
  const pairTerms = typed('pairTerms', Uint32Array, 4);
  const pairIds = PairTable.fromArrays(pairKeys, pairTerms);
  // The lines as one array: a JSON line holds no raw newline, so every newline separates two documents.
  const docs: DocMeta[] = JSON.parse(`[${view('docs').toString('utf8').replaceAll('\n', ',')}]`);
  return {
    sourceHash: header.sourceHash,
    builtAt: header.builtAt,
    terms,
    termIds,
    pairIds,
    sortedTerms,
    df: typed('df', Uint32Array, 4),
    offsets: typed('offsets', Uint32Array, 4),
    postings: typed('postings', Uint32Array, 4),
    weights: typed('weights', Float32Array, 4),
    avgFieldLengths: header.avgFieldLengths,
    docs,
  };
}

/** Bytes of the file checksummed between two turns of the event loop. */
const CHECK_CHUNK = 4 << 20;

/**
 * Checks a saved index's body against its header's checksum without holding it: read a chunk at a time (through
 * the page cache, into one reused buffer), yielding between chunks so requests are answered meanwhile. For a
 * server that serves the file at once (index-reader.ts) and checks it after; throws IndexFormatError as loadIndex.
 */
export async function checkSavedIndex(file: string, fix = 'it will be rebuilt from the articles'): Promise<void> {
  const fd = openSync(file, 'r');
  try {
    const { header, bodyStart } = parseHeader(readHeaderLine(fd, MAGIC.length), file, fix);
    const size = fstatSync(fd).size;
    if (size - bodyStart !== header.bodyBytes) {
      throw new IndexFormatError(
        `search-index: ${file} holds ${size - bodyStart} bytes of index but its header says ${header.bodyBytes} (truncated?); ${fix}.`,
      );
    }
    const chunk = Buffer.allocUnsafe(CHECK_CHUNK);
    let crc = 0;
    for (let at = bodyStart; at < size;) {
      const n = readSync(fd, chunk, 0, Math.min(CHECK_CHUNK, size - at), at);
      if (n === 0) throw new IndexFormatError(`search-index: ${file} ended early (truncated?); ${fix}.`);
      crc = crc32(chunk.subarray(0, n), crc);
      at += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (crc !== header.crc32) throw new IndexFormatError(`search-index: ${file} fails its checksum (corrupt); ${fix}.`);
  } finally {
    closeSync(fd);
  }
}
