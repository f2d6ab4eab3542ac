/**
 * signals/fix-status on 60 archive articles nobody tuned for: a seeded random draw of articles with a STATUS or
 * RESOLUTION section, none of them in the dev file (scripts/sample-status-articles.ts --seed 15), labelled by
 * hand from their text. The table holds article ids and the labels only. Skips without the archive.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLoadProblem, loadArticleFile } from '../../src/ingest/load-articles.js';
import { readFixStatus } from '../../src/signals/fix-status.js';
import type { FixState } from '../../src/types.js';
import { archiveDir, skipWithoutArchive } from '../support/archive.js';

/** [article, state, the fix's product and version as the article names it (null when it names none)]. */
export const LABELS: [string, FixState, string | null][] = [
  ['Q122894', 'confirmed', null],
  ['Q148214', 'confirmed', null],
  ['Q147859', 'confirmed', null],
  ['Q119574', 'fixed', 'Windows NT 3.5 Service Pack'],
  ['Q275565', 'fixed', 'SNA Server 4.0 Service Pack 4'],
  ['Q134583', 'none', null], // "contact the vendor about an updated driver": advice, no fix stated
  ['Q193361', 'fixed', 'Windows NT 4.0 Service Pack 5'],
  ['Q121799', 'none', null],
  ['Q87273', 'none', null],
  ['Q282189', 'fixed', 'Windows 2000 Service Pack 3'],
  ['Q293090', 'none', null],
  ['Q245170', 'fixed', 'Systems Management Server 2.0 Service Pack 2'],
  ['Q139708', 'by-design', null],
  ['Q157292', 'confirmed', null],
  ['Q198062', 'confirmed', null],
  ['Q140433', 'none', null], // the wrong file version is installed: a repair, not a product fix
  ['Q177845', 'none', null],
  ['Q185986', 'fixed', 'Exchange Server 5.5 Service Pack 2'],
  ['Q184519', 'confirmed', null],
  ['Q193532', 'fixed', 'Windows NT 4.0 Service Pack 4'],
  ['Q174660', 'none', null],
  ['Q182972', 'none', null],
  ['Q249307', 'none', null],
  ['Q57942', 'none', null],
  ['Q228744', 'fixed', 'SNA Server 4.0 Service Pack 3'],
  ['Q117605', 'fixed', 'Windows NT 3.5'],
  ['Q188823', 'fixed', null], // a supported hotfix is available
  ['Q139351', 'fixed', 'Windows NT 3.51 Service Pack'],
  ['Q127073', 'fixed', 'Systems Management Server 1.1'],
  ['Q172255', 'fixed', 'Visual Studio 97 Service Pack 2'],
  ['Q256573', 'confirmed', null],
  ['Q158760', 'fixed', 'Visual FoxPro 5.0a'],
  ['Q124731', 'none', null], // "a possible update" from the vendor
  ['Q311913', 'none', null],
  ['Q167263', 'by-design', null],
  ['Q113100', 'fixed', 'Encarta 1996'], // stated under MORE INFORMATION
  ['Q126423', 'none', null],
  ['Q255170', 'confirmed', null],
  ['Q188220', 'fixed', null], // a hotfix is available
  ['Q170343', 'none', null],
  ['Q279139', 'fixed', 'Visual Studio 6.0 Service Pack'],
  ['Q150547', 'none', null], // "an updated driver that may correct": the vendor's, and not stated as a fix
  ['Q162553', 'fixed', 'Visual FoxPro 5.0'],
  ['Q213241', 'fixed', 'Systems Management Server 2.0 Service Pack'],
  ['Q182540', 'fixed', 'Windows NT 4.0 Service Pack 4'],
  ['Q152866', 'fixed', 'Exchange Server 4.0 Service Pack 2'],
  ['Q226509', 'fixed', 'Windows NT 4.0 Service Pack 4'],
  ['Q280306', 'none', null],
  ['Q155612', 'none', null], // "upgrade the BIOS": the maker's, no fix stated
  ['Q86348', 'confirmed', null], // the hardware maker is aware and researching
  ['Q192626', 'fixed', 'Visual C++ .NET'],
  ['Q93004', 'confirmed', null],
  ['Q142599', 'none', null],
  ['Q162881', 'fixed', 'Windows NT 4.0 Service Pack'],
  ['Q221750', 'fixed', 'Visual Studio 6.0 Service Pack 3'],
  ['Q118963', 'none', null],
  ['Q277761', 'by-design', null],
  ['Q142576', 'none', null],
  ['Q138563', 'fixed', 'Visual FoxPro 5.0'],
  ['Q83087', 'fixed', 'MASM 6.11'],
];

/** The state must be right on 95% of the table (the target); every labelled version number must be read. */
const MIN_STATE_ACCURACY = 0.95;

describe('signals/fix-status on 60 hand-labelled archive articles', { skip: skipWithoutArchive() }, () => {
  it('holds 60 distinct articles', () => assert.equal(new Set(LABELS.map(([id]) => id)).size, 60));

  it(`reads the state of at least ${MIN_STATE_ACCURACY * 100}% right and names each labelled fix's version numbers`, async () => {
    const dir = archiveDir()!;
    const wrong: string[] = [];
    for (const [id, state, fixedIn] of LABELS) {
      const n = Number(id.slice(1));
      const file = path.join(dir, 'txt', String(Math.floor(n / 1000)).padStart(3, '0'), `${id}.TXT`);
      assert.ok(existsSync(file), `${id} is in the archive`);
      const article = await loadArticleFile(file);
      assert.ok(!isLoadProblem(article), `${id} loads`);
      const got = readFixStatus(article);
      if (got.state !== state) wrong.push(`${id}: read ${got.state}, labelled ${state}`);
      else if (fixedIn) {
        const numbers = fixedIn.match(/\d+(?:\.\d+)?[a-z]?/g) ?? [];
        for (const x of numbers) if (!(got.fixedIn ?? '').includes(x)) wrong.push(`${id}: fixed in "${got.fixedIn}", labelled "${fixedIn}"`);
      }
    }
    console.log(`fix-status labels: ${LABELS.length - wrong.length}/${LABELS.length} right${wrong.length ? ':\n  ' + wrong.join('\n  ') : ''}`);
    assert.ok(1 - wrong.length / LABELS.length >= MIN_STATE_ACCURACY, wrong.join('\n'));
  });
});
