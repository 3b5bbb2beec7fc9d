import { request } from 'node:http';
import { ACTION_NAMES } from '../../types';
import { bodyLimitOf } from '../../server/local/http-server';
import { NOW, makeEvent, makeStudents } from '../support/factories';
import { startTestServer } from '../support/local-server';

/**
 * What one anonymous request can do to the local server: nothing. Names that a plain object inherits are not
 * actions, a body over its action's limit is refused as soon as it crosses it, an aborted upload ends that request
 * only, and in demo mode a page on another site cannot reach the server by DNS rebinding.
 */
const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

interface RawAnswer {
  status: number;
  body: any;
  /** Bytes of the request body written before the answer arrived. */
  writtenBeforeAnswer: number;
}

/**
 * A POST that streams `totalBytes` of body in 64 KiB chunks, as slowly as the socket drains, and resolves on the
 * first answer (or rejects if the connection ends without one).
 */
function streamingPost(base: string, path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(totalBytes), ...headers } },
      (res) => {
        answered = true;
        const writtenBeforeAnswer = written;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, writtenBeforeAnswer }));
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - written));
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (written >= totalBytes) req.end();
    };
    pump();
  });
}

describe('local server: no request takes it down', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ demoMode: true, now: () => NOW });
    await srv.storage.putStudents(makeStudents(1));
    await srv.storage.putEvents([makeEvent({ id: 'e1' })]);
  });
  afterAll(() => srv.stop());

  it.each(PROTOTYPE_NAMES)('answers POST /api/%s with 404 UNKNOWN_ACTION before reading a 2 MB body', async (name) => {
    const answer = await streamingPost(srv.base, `/api/${encodeURIComponent(name)}`, 2 * 1024 * 1024);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('refuses a body over any action\'s limit with 413 as soon as the limit is crossed, and keeps serving', async () => {
    for (const action of ACTION_NAMES) {
      const limit = bodyLimitOf(action);
      const answer = await streamingPost(srv.base, `/api/${action}`, limit + 512 * 1024);
      expect({ action, status: answer.status, code: answer.body?.code }).toEqual({ action, status: 413, code: 'INVALID_INPUT' });
    }
    expect((await srv.post('getEvent', { eventId: 'e1' })).status).toBe(200);
  });

  it('refuses a 64 MB body to an unknown-looking action without buffering it, and stays up', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const answer = await streamingPost(srv.base, '/api/constructor', 64 * 1024 * 1024);
    expect(answer.status).toBe(404);
    expect(answer.writtenBeforeAnswer).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
    expect((await srv.post('getEvent', { eventId: 'e1' })).status).toBe(200);
  });

  it('treats an aborted upload as that request\'s end: one log line, no stack, and the server keeps serving', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await new Promise<void>((resolve) => {
        const url = new URL('/api/importRoster', srv.base);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-length': String(1024 * 1024) } });
        req.on('error', () => resolve());
        req.write(Buffer.alloc(128 * 1024, 0x20), () => setTimeout(() => req.destroy(), 50));
        req.on('close', () => resolve());
      });
      // Let the server notice the reset.
      await new Promise((r) => setTimeout(r, 100));
      expect((await srv.post('getEvent', { eventId: 'e1' })).status).toBe(200);
      expect(error).not.toHaveBeenCalled();
      const lines = warn.mock.calls.map((args) => args.map(String).join(' '));
      expect(lines.length).toBeLessThanOrEqual(1);
      for (const line of lines) expect(line.split('\n')).toHaveLength(1);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses a request whose Host is another site\'s name (DNS rebinding) in demo mode', async () => {
    const port = new URL(srv.base).port;
    for (const host of ['evil.example', `evil.example:${port}`, 'localhost.evil.example']) {
      const res = await rawPost(srv.base, '/api/getMe', '{}', { host, 'x-demo-user': 'o-demo-admin' });
      expect({ host, status: res.status, code: res.body.code }).toEqual({ host, status: 403, code: 'FORBIDDEN' });
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, '192.168.1.20:8787']) {
      const res = await rawPost(srv.base, '/api/listEvents', '{}', { host });
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
  });
});

describe('local server: Host names', () => {
  it('answers a configured name in demo mode, and any Host outside demo mode', async () => {
    const demo = await startTestServer({ demoMode: true, now: () => NOW, allowedHosts: ['qingnian.example.edu.cn'] });
    const plain = await startTestServer({ demoMode: false, now: () => NOW });
    try {
      expect((await rawPost(demo.base, '/api/listEvents', '{}', { host: 'qingnian.example.edu.cn' })).status).toBe(200);
      expect((await rawPost(demo.base, '/api/listEvents', '{}', { host: 'other.example.edu.cn' })).status).toBe(403);
      expect((await rawPost(plain.base, '/api/listEvents', '{}', { host: 'qingnian.example.edu.cn' })).status).toBe(200);
    } finally {
      await demo.stop();
      await plain.stop();
    }
  });
});

function rawPost(base: string, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
