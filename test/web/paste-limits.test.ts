/**
 * A paste over maxPasteBytes (but inside the body limit) is refused with a 413 that names the limit and what
 * to do, on the API (JSON and text/plain) and on the page; a paste of exactly the limit is read.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type express from 'express';
import request from 'supertest';
import { openTestApp } from '../support/app.js';

const PASTE_LIMIT = 1024;
const LINE = 'Despooler failed WIN32 ERROR = 32\n';
/** A paste of exactly `bytes` UTF-8 bytes. */
const pasteOf = (bytes: number) => LINE.repeat(Math.ceil(bytes / LINE.length)).slice(0, bytes);
// The sizes are written for people (1 KB, 8 MB), not as byte counts.
const TOO_LONG = /The paste is [\d.]+ KB; the troubleshooter reads up to 1 KB\. Paste the lines around the error instead\./;

describe('web: the 413 for a paste over maxPasteBytes', () => {
  let app: express.Express;
  before(async () => {
    ({ app } = await openTestApp({ maxBodyBytes: 64 * 1024, maxPasteBytes: PASTE_LIMIT }));
  });

  it('refuses a JSON paste one byte over the limit with 413 JSON naming the limit', async () => {
    const res = await request(app)
      .post('/api/troubleshoot')
      .send({ log: pasteOf(PASTE_LIMIT + 1) });
    assert.equal(res.status, 413, res.text);
    assert.match(res.type, /json/);
    assert.equal(res.body.error.status, 413);
    assert.match(res.body.error.message, TOO_LONG);
  });

  it('refuses a text/plain paste over the limit the same way', async () => {
    const res = await request(app)
      .post('/api/troubleshoot')
      .type('text/plain')
      .send(pasteOf(PASTE_LIMIT * 2));
    assert.equal(res.status, 413, res.text);
    assert.match(res.body.error.message, TOO_LONG);
  });

  it('counts bytes, not characters: 600 two-byte letters are over a 1,024-byte limit', async () => {
    const res = await request(app)
      .post('/api/troubleshoot')
      .send({ log: `failed ${'é'.repeat(600)}` });
    assert.equal(res.status, 413, res.text);
  });

  it('reads a paste of exactly the limit', async () => {
    const res = await request(app)
      .post('/api/troubleshoot')
      .send({ log: pasteOf(PASTE_LIMIT) });
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body.diagnoses));
  });

  it('answers the troubleshoot page form with a 413 page that says why, escaped', async () => {
    const res = await request(app)
      .post('/troubleshoot')
      .type('form')
      .send({ log: pasteOf(PASTE_LIMIT + 1) });
    assert.equal(res.status, 413);
    assert.match(res.type, /html/);
    assert.match(res.text, TOO_LONG);
  });
});
