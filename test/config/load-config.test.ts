/**
 * loadConfig's environment parsing: each variable read into its setting, bad values refused with the
 * variable's name and its range, and explicit overrides over the environment over the defaults.
 * (test/config.test.ts, on the hosts branch, covers the settings for several hosts.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULTS, loadConfig, parsePublicUrl } from '../../src/config.js';

describe('config: loadConfig reads the environment', () => {
  it('gives the defaults with an empty environment', () => {
    assert.deepEqual(loadConfig({}, {}), { ...DEFAULTS });
  });

  const read: [string, Record<string, string>, Partial<ReturnType<typeof loadConfig>>][] = [
    ['PORT', { PORT: '8080' }, { port: 8080 }],
    ['PORT=0 (any free port)', { PORT: '0' }, { port: 0 }],
    ['HOST', { HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    ['KB_DIR with several folders, resolved, empty parts dropped', { KB_DIR: 'kb-a::/srv/kb-b:' }, { kbDirs: [path.resolve('kb-a'), '/srv/kb-b'] }],
    ['DATA_DIR, resolved', { DATA_DIR: 'data-x' }, { dataDir: path.resolve('data-x') }],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '2048' }, { maxBodyBytes: 2048 }],
    ['WRITES_PER_MINUTE', { WRITES_PER_MINUTE: '7' }, { writesPerMinute: 7 }],
    ['WORKERS', { WORKERS: '3' }, { workers: 3 }],
    ['ADMIN_TOKEN of 16 characters', { ADMIN_TOKEN: '0123456789abcdef' }, { adminToken: '0123456789abcdef' }],
    ['SHARE_TTL_DAYS', { SHARE_TTL_DAYS: '30' }, { shareTtlDays: 30 }],
    ['PUBLIC_URL as an origin', { PUBLIC_URL: 'https://kb.example.org/' }, { publicUrl: 'https://kb.example.org' }],
    ['TROUBLESHOOT_MAX_LINES', { TROUBLESHOOT_MAX_LINES: '100' }, { troubleshootMaxLines: 100 }],
    ['WATCH=0 as off', { WATCH: '0' }, { watch: false }],
    ['WATCH=FALSE as off', { WATCH: 'FALSE' }, { watch: false }],
    ['WATCH=1 as on', { WATCH: '1' }, { watch: true }],
    ['NODE_ENV=development as development', { NODE_ENV: 'development' }, { development: true }],
    ['NODE_ENV=production as not development', { NODE_ENV: 'production' }, { development: false }],
  ];
  for (const [name, env, expected] of read) {
    it(`reads ${name}`, () => {
      const config = loadConfig({}, env);
      assert.deepEqual(config, { ...DEFAULTS, ...expected });
    });
  }

  const refused: [string, Record<string, string>, RegExp][] = [
    ['a PORT with letters', { PORT: '80a' }, /config: PORT="80a" is not a whole number from 0 to 65535; set it to one or unset it\./],
    ['a PORT past 65535', { PORT: '65536' }, /PORT="65536" is not a whole number from 0 to 65535/],
    ['a negative PORT', { PORT: '-1' }, /PORT="-1"/],
    ['a fractional WORKERS', { WORKERS: '1.5' }, /WORKERS="1.5" is not a whole number from 1 to 64/],
    ['WORKERS=0', { WORKERS: '0' }, /WORKERS="0" is not a whole number from 1 to 64/],
    ['WORKERS=65', { WORKERS: '65' }, /WORKERS="65"/],
    ['MAX_BODY_BYTES under 1 KiB', { MAX_BODY_BYTES: '1023' }, /MAX_BODY_BYTES="1023" is not a whole number from 1024 to 1073741824/],
    ['WRITES_PER_MINUTE=0', { WRITES_PER_MINUTE: '0' }, /WRITES_PER_MINUTE="0" is not a whole number from 1 to 1000000/],
    ['SHARE_TTL_DAYS=0', { SHARE_TTL_DAYS: '0' }, /SHARE_TTL_DAYS="0" is not a whole number from 1 to 36500/],
    ['TROUBLESHOOT_MAX_LINES under 100', { TROUBLESHOOT_MAX_LINES: '99' }, /TROUBLESHOOT_MAX_LINES="99" is not a whole number from 100 to 1000000/],
    ['an ADMIN_TOKEN of 15 characters', { ADMIN_TOKEN: '0123456789abcde' }, /ADMIN_TOKEN is shorter than 16 characters; set a long random secret/],
    ['a PUBLIC_URL with a path', { PUBLIC_URL: 'https://kb.example.org/kb' }, /PUBLIC_URL="https:\/\/kb.example.org\/kb" is not an http\(s\) origin/],
  ];
  for (const [name, env, message] of refused) {
    it(`refuses ${name}, naming the variable and what to set`, () => {
      assert.throws(() => loadConfig({}, env), message);
    });
  }

  it('puts explicit overrides over the environment, and ignores overrides left undefined', () => {
    const config = loadConfig({ port: 4000, host: undefined }, { PORT: '8080', HOST: '0.0.0.0' });
    assert.equal(config.port, 4000);
    assert.equal(config.host, '0.0.0.0');
  });

  it('leaves a setting whose variable is empty at its default', () => {
    assert.deepEqual(loadConfig({}, { PORT: '', KB_DIR: '', WATCH: '' }), { ...DEFAULTS });
  });
});

describe('config: parsePublicUrl', () => {
  it('keeps the port of an origin', () => assert.equal(parsePublicUrl('http://kb.example.org:8080'), 'http://kb.example.org:8080'));
  for (const raw of ['ftp://kb.example.org', 'https://user:pw@kb.example.org', 'kb.example.org']) {
    it(`refuses ${raw}`, () =>
      assert.throws(() => parsePublicUrl(raw), /is not an http\(s\) origin; set it like https:\/\/kb.example.org \(no path\), or unset it\./));
  }
});
