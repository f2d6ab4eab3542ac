/**
 * SignatureIndex <-> one file, saved finished: its arrays as they are, its tokens and templates as sorted
 * string tables, its records one JSON string each. Opening it reads the file and parses nothing, so a paste
 * can be matched at once: the JSON list of records this replaces took a second to parse and build into an
 * index on the archive, on every start of the server and every `kbsleuth troubleshoot`.
 */
import { crc32 } from 'node:zlib';
import { IndexFormatError } from '../errors.js';
import { writeFileAtomically } from '../search-index/atomic-file.js';
import { mapFileAt } from '../search-index/mapped-file.js';
import { align8, packSections, u8, type SectionSpan } from '../search-index/sectioned-file.js';
import { encodeStrings, StringTable } from '../search-index/string-table.js';
import { SignatureIndex, type SignatureArrays, type SignatureRecord, type SignatureTables } from './signature-index.js';

/** Bump when the layout, what SignatureIndex keeps or how templateOf masks changes: an older file is then rebuilt. */
const SIGNATURE_FORMAT_VERSION = 5;
const MAGIC = 'KBSLEUTH-SIGNATURES\n';

const SECTIONS = [
  'tokens',
  'tokenStarts',
  'tokenIds',
  'templates',
  'templateStarts',
  'templateRecordStarts',
  'templateRecords',
  'records',
  'recordStartsText',
  'postings',
  'starts',
  'recordTokens',
  'recordStarts',
  'tokenWeights',
  'tokenCount',
] as const;
type SectionName = (typeof SECTIONS)[number];

interface Header {
  format: number;
  sourceHash: string;
  recordCount: number;
  bodyBytes: number;
  crc32: number;
  sections: Record<SectionName, SectionSpan>;
}

/** Writes a built index to `file` atomically, stamped with the sources it was built from. */
export function saveSignatureIndex(file: string, sourceHash: string, index: SignatureIndex): void {
  const { tokens, records, templates, arrays } = index.toSave();
  // Sorted tables, each position carrying the id or the records it stands for.
  const tokenOrder = tokens.map((_, id) => id).sort((a, b) => (tokens[a] < tokens[b] ? -1 : tokens[a] > tokens[b] ? 1 : 0));
  const tokenTable = encodeStrings(tokenOrder.map((id) => tokens[id]));
  const templateList = [...templates.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const templateTable = encodeStrings(templateList);
  const templateRecordStarts = new Uint32Array(templateList.length + 1);
  templateList.forEach((t, i) => (templateRecordStarts[i + 1] = templateRecordStarts[i] + templates.get(t)!.length));
  const templateRecords = Uint32Array.from(templateList.flatMap((t) => templates.get(t)!));
  // A record's text as JSON: a quoted line may hold anything, a newline included.
  const recordTable = encodeStrings(records.map((r) => JSON.stringify([r.id, r.template, r.line, r.section])));
  const parts: Record<SectionName, Uint8Array> = {
    tokens: tokenTable.blob,
    tokenStarts: u8(tokenTable.starts),
    tokenIds: u8(Uint32Array.from(tokenOrder)),
    templates: templateTable.blob,
    templateStarts: u8(templateTable.starts),
    templateRecordStarts: u8(templateRecordStarts),
    templateRecords: u8(templateRecords),
    records: recordTable.blob,
    recordStartsText: u8(recordTable.starts),
    postings: u8(arrays.postings),
    starts: u8(arrays.starts),
    recordTokens: u8(arrays.recordTokens),
    recordStarts: u8(arrays.recordStarts),
    tokenWeights: u8(arrays.tokenWeights),
    tokenCount: u8(arrays.tokenCount),
  };
  const header = { format: SIGNATURE_FORMAT_VERSION, sourceHash, recordCount: records.length };
  writeFileAtomically(
    file,
    packSections(
      MAGIC,
      header,
      SECTIONS.map((name) => [name, parts[name]] as const),
    ),
  );
}

/**
 * Opens a saved index. Throws IndexFormatError when the file is foreign, from another format, truncated, corrupt,
 * or built from other sources than `sourceHash` (when given); the message ends with `fix` (nothing when it is '': a
 * caller that rebuilds by itself says so in its own words).
 */
export function loadSignatureIndex(file: string, options: { sourceHash?: string; fix?: string } = {}): SignatureIndex {
  return signatureIndexOf(mapFileAt(file), file, options);
}

/** The index saved in `buf`, the bytes of `file` (read by the caller, however it likes); checked as loadSignatureIndex. */
export function signatureIndexOf(buf: Buffer, file: string, options: { sourceHash?: string; fix?: string } = {}): SignatureIndex {
  const fix = options.fix ?? 'it will be rebuilt from the articles';
  const fail = (what: string): never => {
    throw new IndexFormatError(`signatures: ${file} ${what}${fix ? `; ${fix}` : ''}.`);
  };
  if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) fail(`is not a kbsleuth signature file (no ${JSON.stringify(MAGIC.trim())} marker)`);
  const nl = buf.indexOf(0x0a, MAGIC.length);
  if (nl < 0) fail('has no header line (truncated?)');
  let header: Header | undefined;
  try {
    header = JSON.parse(buf.subarray(MAGIC.length, nl).toString('utf8')) as Header;
  } catch {
    fail('has an unreadable header (corrupt?)');
  }
  if (header!.format !== SIGNATURE_FORMAT_VERSION)
    fail(`is format ${header!.format} but this kbsleuth reads format ${SIGNATURE_FORMAT_VERSION} (it was written by another version)`);
  const h = header!;
  if (options.sourceHash !== undefined && h.sourceHash !== options.sourceHash) fail('comes from another build than the search index');
  let body = buf.subarray(align8(nl + 1));
  if (body.byteLength !== h.bodyBytes) fail(`holds ${body.byteLength} bytes but its header says ${h.bodyBytes} (truncated?)`);
  if (crc32(body) !== h.crc32) fail('fails its checksum (corrupt)');
  // Typed arrays need aligned offsets; a Buffer from a pool may not start on one.
  if (body.byteOffset % 8 !== 0) body = Buffer.from(body);
  const view = (name: SectionName) => body.subarray(h.sections[name].offset, h.sections[name].offset + h.sections[name].bytes);
  const typed = <T>(name: SectionName, Ctor: new (b: ArrayBufferLike, o: number, l: number) => T, size: number): T => {
    const v = view(name);
    return new Ctor(v.buffer, v.byteOffset, v.byteLength / size);
  };
  const tokens = new StringTable(view('tokens'), typed('tokenStarts', Uint32Array, 4));
  const tokenIds = typed('tokenIds', Uint32Array, 4);
  const templates = new StringTable(view('templates'), typed('templateStarts', Uint32Array, 4));
  const templateRecordStarts = typed('templateRecordStarts', Uint32Array, 4);
  const templateRecords = typed('templateRecords', Uint32Array, 4);
  const records = new StringTable(view('records'), typed('recordStartsText', Uint32Array, 4));
  if (records.length !== h.recordCount || tokens.length !== tokenIds.length || templateRecordStarts.length !== templates.length + 1)
    fail('has tables of mismatched sizes (corrupt?)');
  const parsed = new Map<number, SignatureRecord>();
  // A server asks for the same tokens paste after paste.
  const knownTokens = new Map<string, number>();
  const tables: SignatureTables = {
    recordCount: h.recordCount,
    record(i) {
      let r = parsed.get(i);
      if (!r) {
        const [id, template, line, section] = JSON.parse(records.at(i)) as string[];
        parsed.set(i, (r = { id, template, line, section }));
      }
      return r;
    },
    tokenId(token) {
      let id = knownTokens.get(token);
      if (id === undefined) {
        const at = tokens.find(token);
        id = at < 0 ? -1 : tokenIds[at];
        if (knownTokens.size >= 100_000) knownTokens.clear();
        knownTokens.set(token, id);
      }
      return id < 0 ? undefined : id;
    },
    recordsOfTemplate(template) {
      const at = templates.find(template);
      return at < 0 ? undefined : Array.from(templateRecords.subarray(templateRecordStarts[at], templateRecordStarts[at + 1]));
    },
  };
  const arrays: SignatureArrays = {
    postings: typed('postings', Int32Array, 4),
    starts: typed('starts', Int32Array, 4),
    recordTokens: typed('recordTokens', Int32Array, 4),
    recordStarts: typed('recordStarts', Int32Array, 4),
    tokenWeights: typed('tokenWeights', Float64Array, 8),
    tokenCount: typed('tokenCount', Int32Array, 4),
  };
  return SignatureIndex.fromSaved(tables, arrays);
}
