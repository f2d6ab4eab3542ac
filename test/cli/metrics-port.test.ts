/**
 * METRICS_PORT on a real `kbsleuth serve` with two workers: the primary answers GET /metrics without a token
 * and sums what the workers counted (each worker holds only its own share of the requests).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServe } from '../../scripts/serve-process.js';
import { PROJECT_KB_DIR, makeTempDataDir } from '../support/app.js';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('cli: METRICS_PORT with WORKERS=2', () => {
  it("serves the sum of both workers' metrics on its own port, and only /metrics there", async () => {
    const metricsPort = await freePort();
    const server = startServe({
      HOST: '127.0.0.1',
      KB_DIR: PROJECT_KB_DIR,
      DATA_DIR: makeTempDataDir(),
      WATCH: '0',
      WORKERS: '2',
      METRICS_PORT: String(metricsPort),
      NODE_ENV: 'test',
    });
    process.once('exit', () => server.child.exitCode === null && server.child.kill('SIGKILL'));
    try {
      const [base] = await Promise.all([server.listening, server.ready]);
      // New connections each time, so the primary hands them to both workers.
      for (let i = 0; i < 6; i++) assert.equal((await fetch(new URL('/api/search?q=despooler', base), { headers: { Connection: 'close' } })).status, 200);
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.match(text, /^kbsleuth_http_requests_total\{method="GET",route="\/api\/search",status="200"\} 6$/m);
      assert.match(text, /^kbsleuth_index_articles 30$/m, 'the largest of the workers, not their sum');
      assert.match(text, /^kbsleuth_storage_up\{kind="sqlite"\} 1$/m);
      assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/`)).status, 404);
      assert.equal((await fetch(new URL('/metrics', base))).status, 404, 'the app itself serves metrics only with ADMIN_TOKEN');
    } finally {
      await server.stop();
    }
  });
});
