import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findHints } from '../../src/signals/hints.js';
import {
  ARCHIVE_CATEGORIES,
  PRODUCTS,
  PRODUCT_KEYS,
  PRODUCT_NAMES,
  WINDOWS_BUILDS,
  isKnownProductKey,
  isProductKey,
  productLabel,
} from '../../src/signals/products.js';

describe('signals/products', () => {
  it('names every archive category, and productLabel gives that name', () => {
    for (const [key, label] of Object.entries(ARCHIVE_CATEGORIES)) {
      assert.ok(label.length > 0, `a name for ${key}`);
      assert.notEqual(label, key, `a name for ${key}, not its key`);
      assert.equal(productLabel(key), label);
    }
    assert.equal(productLabel('homegame'), 'Home games');
    assert.equal(productLabel('dosword'), 'Word for MS-DOS');
  });

  it('lists every product and then every archive category in PRODUCT_NAMES, each once with its name', () => {
    const want = [...PRODUCTS.map((p) => ({ key: p.key, label: p.label })), ...Object.entries(ARCHIVE_CATEGORIES).map(([key, label]) => ({ key, label }))];
    assert.deepEqual(PRODUCT_NAMES, want);
    assert.equal(new Set(PRODUCT_NAMES.map((p) => p.key)).size, PRODUCT_NAMES.length);
  });

  it('knows product keys and archive categories, and nothing else', () => {
    assert.equal(isKnownProductKey('sms'), true);
    assert.equal(isKnownProductKey('mastering'), true);
    assert.equal(isKnownProductKey('nosuch'), false);
    assert.equal(isKnownProductKey('Home games'), false, 'a name is not a key');
  });

  it('takes only product keys, not categories, other strings or other types, as ProductKey', () => {
    assert.equal(isProductKey('winnt'), true);
    assert.equal(PRODUCT_KEYS.every(isProductKey), true);
    assert.equal(isProductKey('homegame'), false);
    assert.equal(isProductKey('nosuch'), false);
    assert.equal(isProductKey(undefined), false);
    assert.equal(isProductKey(['sms']), false, 'an array holding a key is no key');
    assert.equal(isProductKey({ toString: () => 'sms' }), false);
  });

  it('reads build 2600 as Windows XP 5.1', () => {
    assert.deepEqual(WINDOWS_BUILDS['2600'], ['winxp', '5.1']);
    assert.deepEqual(findHints('Windows (Build 2600)').versions, ['winxp:5.1']);
  });
});
