import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopK } from '../../src/search/top-k.js';
import { randomFrom, replayWith } from '../support/seed.js';

describe('search/top-k', () => {
  it('keeps the k best scores, best first', () => {
    const top = new TopK(3);
    [5, 1, 9, 7, 3, 8].forEach((s, d) => top.push(s, d));
    assert.deepEqual(
      top.sorted().map((x) => x.score),
      [9, 8, 7],
    );
  });
  it('breaks ties by the lower document number', () => {
    const top = new TopK(2);
    [1, 1, 1, 1].forEach((s, d) => top.push(s, d));
    assert.deepEqual(
      top.sorted().map((x) => x.doc),
      [0, 1],
    );
  });
  it('agrees with a full sort on random input', () => {
    const scores = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 257) / 7);
    const top = new TopK(25);
    scores.forEach((s, d) => top.push(s, d));
    const expected = scores
      .map((score, doc) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, 25);
    assert.deepEqual(top.sorted(), expected);
  });
  it('holds nothing when k is 0', () => {
    const top = new TopK(0);
    top.push(1, 1);
    assert.deepEqual(top.sorted(), []);
  });
  it('keeps the lower document numbers among equal scores whatever order they come in', () => {
    const top = new TopK(2);
    [9, 7, 5, 3, 8].forEach((d) => top.push(1, d));
    assert.deepEqual(
      top.sorted().map((x) => x.doc),
      [3, 5],
    );
  });
  it('says the worst score kept: none while empty, the k-th best once full', () => {
    const top = new TopK(2);
    assert.equal(top.min, -Infinity);
    top.push(4, 1);
    assert.equal(top.min, 4);
    top.push(9, 2);
    top.push(6, 3);
    assert.equal(top.min, 6);
    assert.equal(top.size, 2);
  });
  it('holds nothing when k is negative', () => {
    const top = new TopK(-1);
    top.push(1, 1);
    assert.deepEqual([top.size, top.sorted()], [0, []]);
  });
  it('agrees with a full sort for every k on rising, falling, tied and random scores', () => {
    const next = randomFrom();
    const inputs = {
      rising: Array.from({ length: 60 }, (_, i) => i),
      falling: Array.from({ length: 60 }, (_, i) => 60 - i),
      tied: Array.from({ length: 60 }, (_, i) => i % 3),
      random: Array.from({ length: 60 }, () => Math.floor(next() * 20)),
    };
    for (const [name, scores] of Object.entries(inputs)) {
      for (let k = 1; k <= 61; k += 3) {
        const top = new TopK(k);
        scores.forEach((s, d) => top.push(s, d));
        const expected = scores
          .map((score, doc) => ({ doc, score }))
          .sort((a, b) => b.score - a.score || a.doc - b.doc)
          .slice(0, k);
        assert.deepEqual(top.sorted(), expected, `${name}, k ${k} (${replayWith()})`);
      }
    }
  });
});
