// HTTP client of the check-in benchmarks: JSON POSTs to the local server as a demo user, over keep-alive sockets.
import http from 'node:http';

export function client(port, maxSockets = 256) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const post = (action, body, user) => {
    const data = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { agent, host: '127.0.0.1', port, method: 'POST', path: `/api/${action}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'x-demo-user': user } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode, body: JSON.parse(text), bytes: data.length });
            } catch {
              resolve({ status: res.statusCode, body: { ok: false, code: 'NOT_JSON', message: text.slice(0, 200) }, bytes: data.length });
            }
          });
        },
      );
      // A request unanswered for a minute is a failure to report, not a benchmark to wait for.
      req.setTimeout(60_000, () => req.destroy(new Error(`${action} as ${user}: no answer within 60 s`)));
      req.on('error', reject);
      req.end(data);
    });
  };
  /** Like post, but throws unless the answer is ok; answers its data. */
  const call = async (action, body, user) => {
    const r = await post(action, body, user);
    if (!r.body.ok) throw new Error(`${action} as ${user}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body.data;
  };
  return { post, call, close: () => agent.destroy() };
}

/** Runs `count` tasks by `workers` concurrent workers taking the next task in turn; answers wall time and latencies. */
export async function byWorkers(count, workers, task) {
  const latencies = new Array(count);
  const results = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      results[i] = await task(i, w);
      latencies[i] = performance.now() - t0;
    }
  }));
  return { elapsed: performance.now() - started, latencies, results };
}
