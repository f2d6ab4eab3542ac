/**
 * One seed for everything random in a test run, printed on failure and accepted to replay it:
 * `FC_SEED=123 npm test` (or SEED=123). Loaded by scripts/run-tests.mjs and by Stryker with --import, and
 * imported by the test files that draw their own random numbers (randomFrom), so running one file alone
 * replays too. fast-check's own failure report names the seed and the shrink path (fc.assert's { seed, path }).
 */
import fc from 'fast-check';

const given = process.env.FC_SEED ?? process.env.SEED;
if (given !== undefined && !/^-?\d+$/.test(given)) throw new Error(`test/support/seed: FC_SEED must be an integer, got ${JSON.stringify(given)}`);

/** The run's seed: FC_SEED or SEED when set, else drawn now. */
export const SEED = given !== undefined ? Number(given) | 0 : (Math.random() * 0x1_0000_0000) | 0;

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: SEED });

/** Says how to replay: put it in a failure message. */
export const replayWith = (seed = SEED) => `replay with FC_SEED=${seed}`;

/** A seeded generator of numbers in [0, 1) (mulberry32), for random choices a failure must be able to replay. */
export function randomFrom(seed = SEED): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
