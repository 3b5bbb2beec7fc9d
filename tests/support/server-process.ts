import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The local server as a real process, as `npm start` runs it. `bundleLocalServer()` builds it with the project's own
 * script (server and write worker, inside the repo so that better-sqlite3 resolves from node_modules); `startServer()`
 * runs it on an ephemeral port and resolves once it prints its URL.
 */
export function bundleLocalServer(): { file: string; dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(process.cwd(), 'dist', 'test-server-'));
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', dir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-server failed: ${built.stderr}`);
  return { file: path.join(dir, 'local.js'), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  child: ChildProcess;
  base: string;
  /** What the server's clock adds to this machine's (TEST_CLOCK_START); 0 on the real clock. */
  clockOffsetMs: number;
  /** The server's current time, for tests that act as a phone would at the same moment. */
  now(): Date;
  output(): string;
  /** Sends a signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }>;
}

export function startServer(bundle: string, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [bundle], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        const clockOffsetMs = Number(/\[test-clock\] offset=(-?\d+)/.exec(out)?.[1] ?? 0);
        resolve({
          child,
          base: `http://127.0.0.1:${m[1]}`,
          clockOffsetMs,
          now: () => new Date(Date.now() + clockOffsetMs),
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return ended;
          },
        });
      }
    });
    void ended.then(({ code }) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
  });
}

/** POST /api/<action> as an outside tool would, optionally as a demo user. */
export async function callApi(base: string, action: string, body: unknown, user?: string): Promise<any> {
  const res = await fetch(`${base}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? { 'x-demo-user': user } : {}) },
    body: JSON.stringify(body),
  });
  return res.json();
}
