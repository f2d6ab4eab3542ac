/**
 * `npm run bench:linear`: times the text scanners on their worst-case inputs (test/support/worst-case-inputs.ts)
 * at full size and fails when one is not linear: its time on ten times the input must stay under 30 times
 * the time on the smaller one (quadratic backtracking is near 100). Timing lives here, not in `npm test`.
 * Each pattern gets three tries: on a shared machine one stall can pass for quadratic work once.
 */
import { maskText } from '../src/privacy/mask.js';
import { troubleshoot } from '../src/troubleshoot/troubleshoot.js';
import { openKnowledgeBase, troubleshootSourcesOf } from '../test/support/app.js';
import { assertLinear } from '../test/support/linear.js';
import { MASK_WORST_CASES, SIGNAL_WORST_CASES, repeatTo, type WorstCase } from '../test/support/worst-case-inputs.js';

// The troubleshooter over the bundled kb/, on the one-line pastes test/troubleshoot/troubleshoot.test.ts calls hostile.
const sources = await troubleshootSourcesOf(await openKnowledgeBase());
const cases: WorstCase[] = [
  ...SIGNAL_WORST_CASES,
  ...MASK_WORST_CASES.map((c) => ({ name: `maskText (${c.name})`, run: (s: string) => maskText(s), patterns: [c.unit], chars: 1_000_000 })),
  {
    name: 'troubleshoot (one line)',
    run: (s: string) => troubleshoot(sources, s),
    patterns: ['failed to open C:\\x.ins WIN32 ERROR = 32 ', 'a', '((((((((((', ':::::::', '$$<'],
    chars: 5_000_000,
  },
];

let failed = 0;
for (const c of cases) {
  for (const pattern of c.patterns) {
    const started = performance.now();
    let error: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        assertLinear(c.run, repeatTo(pattern), c.chars);
        error = undefined;
        break;
      } catch (err) {
        error = err;
      }
    }
    const ms = Math.round(performance.now() - started);
    if (error) failed++;
    console.log(
      `${error ? 'NOT LINEAR' : 'linear    '} ${c.name} on ${c.chars.toLocaleString('en')} chars of ${JSON.stringify(pattern)} (${ms} ms)${error ? `: ${(error as Error).message}` : ''}`,
    );
  }
}
console.log(failed ? `${failed} input(s) not linear` : 'every worst-case input ran in linear time');
process.exit(failed ? 1 : 0);
