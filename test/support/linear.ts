/**
 * Proves that a function runs in linear time on an adversarial input, by the ratio of its time on an input
 * ten times longer: about 10 for linear work, about 100 for quadratic backtracking. A ratio does not
 * depend on how busy the machine is, where a fixed limit in milliseconds would.
 */
import assert from 'node:assert/strict';

export function assertLinear(run: (input: string) => unknown, make: (chars: number) => string, chars = 2_000_000): void {
  const small = make(chars / 10);
  const large = make(chars);
  run(small); // warm up the regexes and the JIT
  const time = (input: string) => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  };
  const tSmall = Math.max(time(small), 1);
  const tLarge = time(large);
  // 30x for 10x the input leaves room for noise and GC; quadratic work would be near 100x.
  assert.ok(tLarge < 30 * tSmall + 50, `${chars} chars took ${tLarge.toFixed(0)} ms, ${chars / 10} took ${tSmall.toFixed(0)} ms: not linear`);
}
