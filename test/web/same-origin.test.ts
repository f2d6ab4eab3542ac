import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSameOrigin } from '../../src/web/same-origin.js';

describe('web/same-origin: which state-changing requests proceed', () => {
  const cases: { name: string; headers: { host?: string; origin?: string; referer?: string }; ok: boolean }[] = [
    { name: 'an Origin naming the Host', headers: { host: 'kb.local:3000', origin: 'http://kb.local:3000' }, ok: true },
    { name: 'an Origin in other letter case', headers: { host: 'KB.local:3000', origin: 'http://kb.LOCAL:3000' }, ok: true },
    { name: 'a Referer on the same host when Origin is absent', headers: { host: '127.0.0.1:8080', referer: 'http://127.0.0.1:8080/kb/Q1' }, ok: true },
    { name: 'neither header (an API client)', headers: { host: 'kb.local' }, ok: true },
    { name: 'an Origin on another host', headers: { host: 'kb.local', origin: 'http://evil.example' }, ok: false },
    { name: 'an Origin on another port', headers: { host: 'kb.local:3000', origin: 'http://kb.local:4000' }, ok: false },
    { name: 'Origin: null', headers: { host: 'kb.local', origin: 'null' }, ok: false },
    { name: 'a Referer on another host', headers: { host: 'kb.local', referer: 'https://evil.example/x' }, ok: false },
    { name: 'a same-host Referer but a foreign Origin', headers: { host: 'kb.local', origin: 'http://evil.example', referer: 'http://kb.local/' }, ok: false },
    { name: 'a non-http Origin', headers: { host: 'kb.local', origin: 'file://kb.local' }, ok: false },
  ];
  for (const c of cases) {
    it(`${c.ok ? 'lets through' : 'refuses'} ${c.name}`, () => {
      assert.equal(checkSameOrigin(c.headers).ok, c.ok);
    });
  }
});
