/**
 * `kbsleuth search`, `article` and `troubleshoot` run as real processes over the bundled kb/, its index built
 * by `kbsleuth index` into a temporary DATA_DIR: what they print, on which stream, and with which exit code,
 * reading the saved index themselves and asking a running server (which must answer the same).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PROJECT_DIR } from '../../src/config.js';
import { startServe, type ServeProcess } from '../../scripts/serve-process.js';
import { LOG_FIXTURES_DIR, makeTempDataDir, PROJECT_KB_DIR } from '../support/app.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kbsleuth(args: string[], env: Record<string, string>, input = ''): Run {
  const r = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kbsleuth.js'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, KBSLEUTH_URL: '', WATCH: '0', WORKERS: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * One request on a connection of its own: the spawnSync calls block this process for seconds, longer than the
 * server keeps an idle connection, and fetch would reuse one the server has closed.
 */
function request(url: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body === undefined ? 'GET' : 'POST', agent: false, headers: body === undefined ? {} : { 'Content-Type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${url}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const getText = (url: string) => request(url);
const getJson = async (url: string) => JSON.parse(await request(url)) as unknown;

const log = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');

describe('cli: query commands over the saved index and over HTTP', () => {
  const dataDir = makeTempDataDir();
  let server: ServeProcess;
  let base: string;
  /** The environment of a command reading the saved index; its permalinks point where the server listens. */
  let local: Record<string, string>;
  let remote: Record<string, string>;

  before(async () => {
    const built = kbsleuth(['index'], { KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir });
    assert.equal(built.status, 0, built.stderr);
    server = startServe({ HOST: '127.0.0.1', KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir, WATCH: '0', WORKERS: '1', NODE_ENV: 'test' });
    process.once('exit', () => server.child.exitCode === null && server.child.kill('SIGKILL'));
    base = await server.listening;
    await server.ready;
    local = { KB_DIR: PROJECT_KB_DIR, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: new URL(base).port };
    remote = { KB_DIR: PROJECT_KB_DIR, DATA_DIR: makeTempDataDir(), KBSLEUTH_URL: base };
  });
  after(() => server?.stop());

  describe('search', () => {
    it('prints each hit as number and title over fix status and permalink, and exits 0', () => {
      const r = kbsleuth(['search', 'despooler', 'instruction', 'file'], local);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\d+ articles? \(1-\d+ shown\)/);
      assert.match(r.stdout, new RegExp(`\\nQ161043  .+\\n {9}(Fixed|Confirmed, no fix|By design|No status).* · ${base}/kb/Q161043\\n`));
      assert.equal(r.stderr, '');
    });

    it('prints with --json what GET /api/search answers, reading the saved index or asking the server', async () => {
      const args = ['search', 'error 32', '--status', 'fixed', '--limit', '3', '--json'];
      const api = await getJson(`${base}/api/search?q=${encodeURIComponent('error 32')}&status=fixed&limit=3`);
      const fromFiles = kbsleuth(args, local);
      const fromServer = kbsleuth(args, remote);
      assert.equal(fromFiles.status, 0, fromFiles.stderr);
      assert.equal(fromServer.status, 0, fromServer.stderr);
      assert.deepEqual(JSON.parse(fromFiles.stdout), api);
      assert.deepEqual(JSON.parse(fromServer.stdout), api);
      assert.ok((api as { results: unknown[] }).results.length > 0);
    });

    it('exits 1 when nothing matches, saying so on stdout', () => {
      const r = kbsleuth(['search', 'zyxwvut', 'qqqqjjj'], local);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^0 articles/);
    });

    for (const [name, args, message] of [
      ['no query and no filter', ['search'], /give words to search for/],
      ['a limit out of range', ['search', 'despooler', '--limit', '500'], /--limit takes a whole number from 0 to 100, not "500"/],
      ['a limit that is no number', ['search', 'despooler', '--limit', '3x'], /--limit takes a whole number/],
      ['an unknown option', ['search', 'despooler', '--colour'], /unknown option '--colour'/],
    ] as const) {
      it(`exits 2 on ${name}, with the reason on stderr and, with --json, as {error} on stdout`, () => {
        const plain = kbsleuth([...args], local);
        assert.equal(plain.status, 2);
        assert.match(plain.stderr, message);
        assert.equal(plain.stdout, '');
        const json = kbsleuth([...args, '--json'], local);
        assert.equal(json.status, 2);
        assert.match(JSON.parse(json.stdout).error, message);
      });
    }

    it('exits 3 without a saved index, naming the command that builds it', () => {
      const r = kbsleuth(['search', 'despooler', '--json'], { KB_DIR: PROJECT_KB_DIR, DATA_DIR: makeTempDataDir() });
      assert.equal(r.status, 3);
      assert.match(r.stderr, /no saved index .*Build it with `kbsleuth index`/);
      assert.match(JSON.parse(r.stdout).error, /kbsleuth index/);
    });

    it('exits 3 when no server answers at KBSLEUTH_URL, saying how to do without', () => {
      const r = kbsleuth(['search', 'despooler', '--json'], { ...remote, KBSLEUTH_URL: 'http://127.0.0.1:1' });
      assert.equal(r.status, 3);
      assert.match(r.stderr, /no kbsleuth server answers at http:\/\/127\.0\.0\.1:1 .*unset KBSLEUTH_URL/);
      assert.ok(JSON.parse(r.stdout).error);
    });

    it('exits 2 on a --url that is no http address', () => {
      const r = kbsleuth(['search', 'despooler', '--url', 'ftp://example.org'], local);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /must be an http:\/\/ or https:\/\/ address/);
    });
  });

  describe('article', () => {
    it('prints the same ticket text as GET /api/articles/:id?format=text, read from the saved index or asked of the server', async () => {
      const api = await getText(`${base}/api/articles/Q161043?format=text&version=1.2`);
      const fromFiles = kbsleuth(['article', 'Q161043', '--version', '1.2'], local);
      const fromServer = kbsleuth(['article', '161043', '--version', '1.2'], remote);
      assert.equal(fromFiles.status, 0, fromFiles.stderr);
      assert.equal(fromServer.status, 0, fromServer.stderr);
      assert.equal(fromFiles.stdout, api);
      assert.equal(fromServer.stdout, api);
      assert.match(api, /^Q161043: /);
    });

    it('prints markdown, and the whole article as JSON', async () => {
      const markdown = kbsleuth(['article', 'Q161043', '--format', 'markdown'], local);
      assert.equal(markdown.status, 0, markdown.stderr);
      assert.equal(markdown.stdout, await getText(`${base}/api/articles/Q161043?format=markdown`));
      const json = kbsleuth(['article', 'Q161043', '--format', 'json'], local);
      assert.deepEqual(JSON.parse(json.stdout), await getJson(`${base}/api/articles/Q161043`));
    });

    it('exits 1 for an article the knowledge base does not hold, 2 for what is no article number or format', () => {
      for (const env of [local, remote]) {
        const missing = kbsleuth(['article', 'Q999999', '--format', 'json'], env);
        assert.equal(missing.status, 1, missing.stderr);
        assert.match(JSON.parse(missing.stdout).error, /Q999999/);
      }
      const bad = kbsleuth(['article', 'hello'], local);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /"hello" is not an article number/);
      const format = kbsleuth(['article', 'Q161043', '--format', 'xml'], local);
      assert.equal(format.status, 2);
      assert.match(format.stderr, /--format takes text, markdown, json/);
    });
  });

  describe('troubleshoot', () => {
    it('names the article that explains a pasted log, and exits 0', () => {
      const r = kbsleuth(['troubleshoot'], local, log('despooler-sms12.log'));
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^(This looks like .*\n\n)?Q161043: .*\(confidence \d+%; explains .+\)\n {2}http:\/\/127\.0\.0\.1:\d+\/kb\/Q161043\n/);
    });

    it('prints with --json what POST /api/troubleshoot answers, from the saved index or the server', async () => {
      const paste = log('distmgr-sms20.log');
      const api = JSON.parse(await request(`${base}/api/troubleshoot`, paste)) as { diagnoses: { id: string }[] };
      const fromFiles = kbsleuth(['troubleshoot', '--json'], local, paste);
      const fromServer = kbsleuth(['troubleshoot', '--json'], remote, paste);
      assert.deepEqual(JSON.parse(fromFiles.stdout), api);
      assert.deepEqual(JSON.parse(fromServer.stdout), api);
      assert.equal(api.diagnoses[0].id, 'Q207416');
    });

    it('exits 1 when nothing explains the paste, and its exit code agrees with its JSON', () => {
      const none = kbsleuth(['troubleshoot', '--json'], local, 'hello there\nall is well today\n');
      assert.equal(none.status, 1, none.stderr);
      assert.equal(JSON.parse(none.stdout).explained, false);
      const noise = kbsleuth(['troubleshoot', '--json'], local, log('nothing-known.log'));
      const result = JSON.parse(noise.stdout) as { explained?: boolean; diagnoses: unknown[] };
      assert.equal(noise.status, (result.explained ?? result.diagnoses.length > 0) ? 0 : 1);
    });

    it('applies --answer, and exits 2 on an empty paste or an answer without =', () => {
      const answered = kbsleuth(['troubleshoot', '--json', '--answer', 'version:exchange=5.5'], local, log('rules-event-1025.txt'));
      assert.equal(JSON.parse(answered.stdout).answers['version:exchange'], '5.5');
      const empty = kbsleuth(['troubleshoot', '--json'], local, '  \n');
      assert.equal(empty.status, 2);
      assert.match(JSON.parse(empty.stdout).error, /nothing on standard input/);
      const bad = kbsleuth(['troubleshoot', '--answer', 'version'], local, 'x');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--answer <key=value\.\.\.>' argument 'version' is invalid\. write the answer as KEY=VALUE/);
    });

    it('prints no progress when stderr is not a terminal', () => {
      const r = kbsleuth(['troubleshoot'], local, log('two-problems.log'));
      assert.equal(r.stderr, '');
    });
  });
});
