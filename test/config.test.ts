import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, parseTrustProxy } from '../src/config.js';

describe('config: settings for several hosts', () => {
  const trust: [string, number | string | false][] = [
    ['1', 1],
    ['2', 2],
    ['0', false],
    ['false', false],
    ['10.0.0.5', '10.0.0.5'],
    ['10.0.0.0/8, loopback', '10.0.0.0/8, loopback'],
    ['fd00::/8,uniquelocal', 'fd00::/8, uniquelocal'],
  ];
  for (const [raw, expected] of trust) {
    it(`reads TRUST_PROXY=${raw} as ${JSON.stringify(expected)}`, () => assert.equal(parseTrustProxy(raw), expected));
  }

  it('refuses TRUST_PROXY=true, which would let any client pick its address, and says what to set', () => {
    assert.throws(() => parseTrustProxy('true'), /any client could pick its address.*\(1\)/);
  });

  it('refuses a TRUST_PROXY that is neither a count nor addresses, naming the bad part', () => {
    assert.throws(() => parseTrustProxy('10.0.0.1, my-balancer'), /"my-balancer" is not an address.*set it to 1/);
  });

  it('reads DATABASE_URL, METRICS_PORT and ADMIN_TOKEN, and refuses a URL that is not postgres://', () => {
    const config = loadConfig({}, { DATABASE_URL: 'postgres://kb:pw@db01/kbsleuth', METRICS_PORT: '9464', ADMIN_TOKEN: 'a-long-admin-t0ken' });
    assert.deepEqual(
      [config.databaseUrl, config.metricsPort, config.adminToken, config.trustProxy],
      ['postgres://kb:pw@db01/kbsleuth', 9464, 'a-long-admin-t0ken', false],
    );
    assert.equal(loadConfig({}, {}).databaseUrl, undefined, 'no DATABASE_URL: the SQLite file');
    assert.throws(() => loadConfig({}, { DATABASE_URL: 'mysql://db01/kb' }), /DATABASE_URL must be a postgres:\/\/ URL.*unset it to keep the SQLite file/);
  });
});
