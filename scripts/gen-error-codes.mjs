#!/usr/bin/env node
// Builds src/signals/data/codes.json, the decoding table behind src/signals/error-codes.ts.
//
// Sources (public-domain headers of Debian's mingw-w64-common package, /usr/share/mingw-w64/include):
//   winerror.h  Win32 errors (`ERROR_X __MSABI_LONG(n)`, `WSAEX (WSABASEERR + n)`) and HRESULTs
//               (`X _HRESULT_TYPEDEF_(0x...)`). It carries no message text, so meanings come from the
//               hand-kept overrides in src/signals/data/extra.json or are derived from the name at run time.
//   raserror.h  RAS errors 600-799, which share the Win32 number space (`ERROR_X (RASBASE+n)`).
//   lmerr.h     LAN Manager / NET messages 2100-2999 (`NERR_X (NERR_BASE+n)`).
//   ntstatus.h  NTSTATUS values (`STATUS_X ((NTSTATUS)0x...)`).
//   bugcodes.h  bug check (STOP) codes (`X ((ULONG)0x...)`).
//   mapicode.h  MAPI_E_* / MAPI_W_* (`MAKE_MAPI_E(0x...)`: severity 1, FACILITY_ITF).
//   esent.h     JET/ESE database errors (`JET_errX -n`).
// plus src/signals/data/extra.json (written by hand): SQLSTATEs, NTSTATUS -> Win32 mappings, meanings.
//
// Rerun with `node scripts/gen-error-codes.mjs [include-dir]`. Output is deterministic: keys sorted,
// first definition of a number wins (later ones are usually aliases such as NO_ERROR).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INCLUDE = process.argv[2] ?? '/usr/share/mingw-w64/include';
const DATA = path.join(ROOT, 'src', 'signals', 'data');

function header(name) {
  const file = path.join(INCLUDE, name);
  try {
    return readFileSync(file, 'latin1');
  } catch (err) {
    throw new Error(
      `gen-error-codes: cannot read ${file} (${err.code ?? err.message}); install Debian's mingw-w64-common package or pass its include folder as the first argument`,
      { cause: err },
    );
  }
}

/** Names that mark ranges or severities rather than one fault. */
const NOT_A_CODE = /(?:^FACILITY_|^SEVERITY_|_FIRST$|_LAST$|_BASE$|^WSABASEERR$|^RASBASE$|^NERR_BASE$|^MAX_NERR$)/;

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, '0');

/** Adds name under key unless the number already has a name: keeps the first (canonical) spelling. */
function put(table, key, name) {
  if (!(key in table)) table[key] = name;
}

function sorted(table, compare) {
  const keys = Object.keys(table).sort(compare);
  return Object.fromEntries(keys.map((k) => [k, table[k]]));
}
const byNumber = (a, b) => Number(a) - Number(b);
const byHex = (a, b) => parseInt(a, 16) - parseInt(b, 16);

function parseWinerror(text, win32, hresult) {
  const bases = { WSABASEERR: 10000 };
  for (const m of text.matchAll(/^#define\s+(\w+)\s+(.+?)\s*$/gm)) {
    const [, name, value] = m;
    if (NOT_A_CODE.test(name)) continue;
    let v;
    if ((v = /^__MSABI_LONG\((\d+)\)$/.exec(value))) put(win32, v[1], name);
    else if ((v = /^\((\w+)\s*\+\s*(\d+)\)$/.exec(value)) && v[1] in bases) put(win32, String(bases[v[1]] + Number(v[2])), name);
    else if ((v = /^(?:_HRESULT_TYPEDEF_|__MSABI_LONG)\((0x[0-9A-Fa-f]{8})L?\)$/.exec(value)) || (v = /^\(\(HRESULT\)(0x[0-9A-Fa-f]{8})L?\)$/.exec(value))) {
      const code = parseInt(v[1], 16);
      if (code >= 0x80000000) put(hresult, hex8(code), name);
    }
  }
}

/** `NAME (BASE+n)` defines, as { number: name }. */
function parseBased(text, baseName, base, into, keep = () => true) {
  for (const m of text.matchAll(new RegExp(`^#define\\s+(\\w+)\\s+\\(${baseName}\\s*\\+\\s*(\\d+)\\)`, 'gm'))) {
    const n = base + Number(m[2]);
    if (!NOT_A_CODE.test(m[1]) && keep(n)) put(into, String(n), m[1]);
  }
}

function parseCast(text, cast, into) {
  for (const m of text.matchAll(new RegExp(`^#define\\s+(\\w+)\\s+\\(\\(${cast}\\)\\s*(0x[0-9A-Fa-f]{1,8})L?\\)`, 'gm'))) {
    if (!NOT_A_CODE.test(m[1])) put(into, hex8(parseInt(m[2], 16)), m[1]);
  }
}

function main() {
  const win32 = {};
  const hresult = {};
  const winerror = header('winerror.h');

  // RAS first for 600-799: the archive predates the few Vista-era ERROR_* numbers that reuse that range.
  parseBased(header('raserror.h'), 'RASBASE', 600, win32, (n) => n < 800);
  parseWinerror(winerror, win32, hresult);

  const net = {};
  parseBased(header('lmerr.h'), 'NERR_BASE', 2100, net);

  const ntstatus = {};
  parseCast(header('ntstatus.h'), 'NTSTATUS', ntstatus);
  for (const k of Object.keys(ntstatus)) if (k.startsWith('0000')) delete ntstatus[k]; // success/informational values

  const stop = {};
  parseCast(header('bugcodes.h'), 'ULONG', stop);

  const mapi = {};
  for (const m of header('mapicode.h').matchAll(/^#define\s+(MAPI_[EW]_\w+)\s+(.+?)\s*$/gm)) {
    const [, name, value] = m;
    let v;
    if ((v = /^MAKE_MAPI_E\((0x[0-9A-Fa-f]+)\)$/.exec(value))) put(mapi, hex8(0x80040000 | parseInt(v[1], 16)), name);
    else if ((v = /^(E_\w+)$/.exec(value))) {
      const code = Object.entries(hresult).find(([, n]) => n === v[1]);
      if (code) put(mapi, code[0], name);
    }
  }

  const jet = {};
  for (const m of header('esent.h').matchAll(/^#define\s+(JET_err\w+)\s+(-\d+)\b/gm)) put(jet, m[2], m[1]);

  const extra = JSON.parse(readFileSync(path.join(DATA, 'extra.json'), 'utf8'));

  const out = {
    source:
      'generated by scripts/gen-error-codes.mjs from mingw-w64-common headers (winerror.h, raserror.h, lmerr.h, ntstatus.h, bugcodes.h, mapicode.h, esent.h) and src/signals/data/extra.json; do not edit',
    win32: sorted(win32, byNumber),
    hresult: sorted(hresult, byHex),
    ntstatus: sorted(ntstatus, byHex),
    stop: sorted(stop, byHex),
    net: sorted(net, byNumber),
    mapi: sorted(mapi, byHex),
    jet: sorted(jet, (a, b) => Number(b) - Number(a)),
    sqlstate: sorted(extra.sqlstate, undefined),
    ntstatusToWin32: sorted(extra.ntstatusToWin32, byHex),
    meanings: sorted(extra.meanings, undefined),
  };
  // One entry per line: compact, yet a regenerated table gives a readable diff.
  const json =
    '{\n' +
    Object.entries(out)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v).replace(/","/g, '",\n"')}`)
      .join(',\n') +
    '\n}\n';
  JSON.parse(json);
  writeFileSync(path.join(DATA, 'codes.json'), json);
  const counts = Object.entries(out)
    .filter(([, v]) => typeof v === 'object')
    .map(([k, v]) => `${k} ${Object.keys(v).length}`);
  console.log(`gen-error-codes: wrote ${path.relative(ROOT, path.join(DATA, 'codes.json'))} (${json.length} bytes): ${counts.join(', ')}`);
}

main();
