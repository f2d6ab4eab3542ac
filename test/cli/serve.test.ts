import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServe, type ServeProcess } from '../../scripts/serve-process.js';
import { LOG_FIXTURES_DIR, makeTempDataDir, PROJECT_KB_DIR } from '../support/app.js';
import { inotifyShortage } from '../support/inotify.js';

/**
 * Starts `kbsleuth serve` on a free port; resolves with its base URL once it logs that it is ready and /healthz
 * answers 200. WORKERS=1 by default: one process serves.
 */
async function startServer(
  workers = 1,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: URL; stderr: () => string; exited: ServeProcess['exited'] }> {
  const server = startServe({
    HOST: '127.0.0.1',
    KB_DIR: PROJECT_KB_DIR,
    DATA_DIR: makeTempDataDir(),
    WATCH: '0',
    WORKERS: String(workers),
    NODE_ENV: 'test',
    ...env,
  });
  const { child } = server;
  // A failed test must not leave a server running.
  process.once('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  const [base] = await Promise.all([server.listening, server.ready]);
  const url = new URL(base);
  for (;;) {
    const status = await new Promise<number>((resolve) =>
      http.get(new URL('/healthz', url), (res) => resolve(res.resume().statusCode!)).on('error', () => resolve(0)),
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, stderr: server.stderr, exited: server.exited };
}

/** Whether a new TCP connection to `url` is refused. */
function refused(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.on('connect', () => (socket.destroy(), resolve(false)));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('cli: kbsleuth serve', () => {
  it('on SIGTERM answers the request in flight in full with Connection: close, refuses new connections and exits 0', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const log = readFileSync(path.join(LOG_FIXTURES_DIR, 'despooler-sms12.log'));
    const half = log.indexOf('\n', log.length >> 1) + 1;

    // Expect: 100-continue gives a sync point: the server has read the headers, so the request is in flight.
    const req = http.request(new URL('/api/troubleshoot', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Content-Length': log.length, Expect: '100-continue' },
      agent: new http.Agent({ keepAlive: true }),
    });
    const connectionClosed = new Promise((resolve) => req.once('socket', (socket) => socket.once('close', resolve)));
    const answer = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
    });
    await new Promise((resolve) => req.once('continue', resolve));
    req.write(log.subarray(0, half));

    server.child.kill('SIGTERM');
    while (!(await refused(server.url))) await new Promise((r) => setTimeout(r, 20));
    req.end(log.subarray(half));

    const res = await answer;
    assert.equal(res.status, 200, res.body);
    const result = JSON.parse(res.body);
    assert.equal(result.signals.lines, 28, 'both halves of the body were read');
    assert.equal(result.diagnoses[0].id, 'Q161043');
    // The server ends the kept-alive connection itself, so nothing holds the process open.
    assert.equal(res.headers.connection, 'close');
    await connectionClosed;
    assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
    assert.match(server.stderr(), /SIGTERM/, 'the shutdown is logged');
    assert.equal(await refused(server.url), true);
  });

  it('exits 0 on SIGTERM when idle, closing kept-alive connections', { timeout: 120_000 }, async () => {
    const server = await startServer();
    const agent = new http.Agent({ keepAlive: true });
    const get = http.get(new URL('/api/search?q=despooler', server.url), { agent });
    const closed = new Promise((resolve) => get.once('socket', (socket) => socket.once('close', resolve)));
    const idle = await new Promise<http.IncomingMessage>((resolve) => get.once('response', resolve));
    assert.equal(idle.statusCode, 200);
    await new Promise((resolve) => idle.resume().on('end', resolve));
    server.child.kill('SIGTERM');
    await closed;
    assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
  });
});

/** The server process that answers /healthz on a new connection. */
function answeringProcess(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL('/healthz', url), { agent: false, headers: { Connection: 'close' }, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(JSON.parse(body).process));
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('no answer from /healthz within 5 s'));
      })
      .on('error', reject);
  });
}

async function answeringProcesses(url: URL, requests = 12): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i++) pids.add(await answeringProcess(url));
  return pids;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('cli: kbsleuth serve with WORKERS=2 (node:cluster)', () => {
  it('builds the index once in a separate process, answers from both workers, and stops them all on SIGTERM', { timeout: 120_000 }, async () => {
    const server = await startServer(2);
    assert.equal(server.stderr().match(/built the index of 30 articles/g)?.length, 1, server.stderr());
    const pids = await answeringProcesses(server.url);
    assert.equal(pids.size, 2, `answered by ${[...pids].join(', ')}`);
    assert.ok(!pids.has(server.child.pid!), 'the primary answers nothing itself');
    // The serving workers' old generation at most doubles between full collections (see servingExecArgv).
    for (const pid of pids) assert.ok(argvOf(pid).includes('--heap-growing-percent=100'), `worker ${pid}: ${argvOf(pid).join(' ')}`);
    assert.ok(!argvOf(server.child.pid!).some((a) => a.startsWith('--heap-growing')), 'the primary keeps its own flags');

    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    for (const pid of pids) assert.ok(!isRunning(pid), `worker ${pid} still runs after the primary exited`);
  });

  it('exits 1, saying why, when there is no index to serve and building one fails', { timeout: 120_000 }, async () => {
    const server = startServe({
      HOST: '127.0.0.1',
      KB_DIR: path.join(makeTempDataDir(), 'no-such-folder'),
      DATA_DIR: makeTempDataDir(),
      WATCH: '0',
      WORKERS: '2',
    });
    const { code } = await server.exited;
    assert.equal(code, 1, server.stderr());
    assert.match(server.stderr(), /none of the KB folders exists/);
    assert.match(server.stderr(), /there is no index to serve; stopping/);
  });

  // Three process starts and an index build: at a load average of 16-19 they took 23-33 s (a guard against a hang, not a speed test).
  it('starts a new worker when one is killed with SIGKILL, and answers from both again', { timeout: 120_000 }, async () => {
    const server = await startServer(2);
    const [victim, survivor] = [...(await answeringProcesses(server.url))];
    process.kill(victim, 'SIGKILL');
    // A connection the primary handed to the worker as it died is lost with it (node:cluster); later ones are not.
    while (!/stopped \(SIGKILL\); starting another/.test(server.stderr())) await new Promise((r) => setTimeout(r, 50));
    assert.notEqual(await answeringProcess(server.url), victim, 'a live worker answers while the other restarts');
    let pids = new Set<number>();
    for (let tries = 0; pids.size < 2 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      pids = await answeringProcesses(server.url, 4);
    }
    assert.ok(pids.has(survivor) && !pids.has(victim) && pids.size === 2, `answered by ${[...pids].join(', ')}`);
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  });
});

describe('cli: kbsleuth serve with WORKERS=2 watching KB_DIR', () => {
  const shortage = inotifyShortage();
  it('re-reads an article added under KB_DIR in every worker, while only the primary watches', { timeout: 180_000, skip: shortage }, async () => {
    const kbDir = path.join(makeTempDataDir(), 'kb');
    cpSync(PROJECT_KB_DIR, kbDir, { recursive: true });
    const server = await startServer(2, { KB_DIR: kbDir, WATCH: '1' });
    try {
      // The primary says so once its watch is set (the walk of KB_DIR runs after the workers are ready).
      while (!/ready: 30 articles/.test(server.stderr()) || !/watching 1 of 1 KB_DIR folder/.test(server.stderr())) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const workers = await answeringProcesses(server.url);
      assert.equal(workers.size, 2, `answered by ${[...workers].join(', ')}`);
      for (const pid of workers) assert.equal(inotifyWatchesOf(pid), 0, `worker ${pid} watches KB_DIR itself`);
      assert.ok(inotifyWatchesOf(server.child.pid!) > 0, 'the primary watches KB_DIR');

      const folder = path.join(kbDir, 'kb', '999', 'Q999001');
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        path.join(folder, 'README.md'),
        '---\ntitle: "Q999001: Zorblaxian Gateway Stops After Restart"\npermalink: /kb/999/Q999001/\n---\n\n' +
          '\tArticle: Q999001\n\tProduct(s): Microsoft Exchange\n\n\tSYMPTOMS\n\t========\n\n\tThe zorblaxian gateway stops after a restart.\n',
      );
      // Fresh connections go to the workers in turn: eight answers in a row finding it means both re-read it.
      let inARow = 0;
      while (inARow < 8) {
        const found = await new Promise<boolean>((resolve, reject) =>
          http
            .get(new URL('/api/search?q=zorblaxian', server.url), { agent: false, headers: { Connection: 'close' } }, (res) => {
              let body = '';
              res.on('data', (d) => (body += d));
              res.on('end', () => resolve(JSON.parse(body).results?.[0]?.id === 'Q999001'));
            })
            .on('error', reject),
        );
        inARow = found ? inARow + 1 : 0;
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

/** A process's command line (Linux). */
function argvOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** inotify watches a process holds (Linux: its fdinfo). */
function inotifyWatchesOf(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fdinfo`)) {
    try {
      n += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('inotify wd:')).length;
    } catch {
      // A descriptor closed meanwhile.
    }
  }
  return n;
}
