// The engine daemon drops a client whose request line grows past MAX_REQUEST_BYTES
// instead of buffering it without end, and keeps serving others (issue 15).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EngineBackend } from '../../src/backend/engine-backend.ts';
import { MAX_REQUEST_BYTES, daemonPaths } from '../../src/backend/engine-daemon-protocol.ts';
import { builtinWorkload } from '../../src/engine/sim/builtin-workloads.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import { killEngineDaemons } from '../helpers/engine-daemons.ts';

const noRam = { defaultPaddrRegion: () => assert.fail('no paddr'), numaNodeRegions: () => assert.fail('no paddr') };

/** Sends `total` bytes with no newline; resolves with how many were written before the daemon closed the connection. */
function flood(socket: string, total: number, timeoutMs: number): Promise<{ closed: boolean; sent: number }> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    const chunk = Buffer.alloc(1 << 20, 'a');
    let sent = 0;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      conn.destroy();
      resolve({ closed, sent });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    conn.on('error', () => finish(true));
    conn.on('close', () => finish(true));
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!conn.write(chunk)) {
          conn.once('drain', pump);
          return;
        }
      }
    };
    conn.on('connect', pump);
  });
}

test('a request line longer than the limit drops the connection; the daemon goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'damo-engine-limit-'));
  const b = new EngineBackend({ stateDir: dir, sim: { name: 'sim:stairs', config: builtinWorkload('stairs')!, seed: 1 }, idleExitMs: 30000 });
  try {
    await b.start(kdamondsFromOptions({ target_pid: ['0'] }, noRam as never));
    const r = await flood(daemonPaths(dir, 0).socket, MAX_REQUEST_BYTES * 4, 15000);
    assert.ok(r.closed, `the daemon kept reading ${r.sent} bytes without a newline`);
    assert.ok(r.sent <= MAX_REQUEST_BYTES * 2, `dropped only after ${r.sent} bytes`);
    const [k] = await b.status();
    assert.equal(k.state, 'on');
    await b.stop();
  } finally {
    killEngineDaemons(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});
