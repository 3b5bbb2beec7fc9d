import type { ApiResult } from '../../types';
import { verifyDraw } from '../features/lottery/verify-draw';

/**
 * `npm run verify-draw -- <eventId> [baseUrl]` (scripts/verify-draw.mjs bundles and runs this): fetches the published
 * draw over the API and recomputes it. The API is the one given, else API_BASE, else the local server as `npm start`
 * runs it (http://127.0.0.1:8787). Exit code 0 when it checks out, 1 when it does not, 2 for a usage error.
 */
async function main(): Promise<number> {
  const [eventId, base] = process.argv.slice(2);
  if (!eventId) {
    console.error('用法：npm run verify-draw -- <活动编号> [接口地址，默认 http://127.0.0.1:8787]');
    return 2;
  }
  const baseUrl = (base ?? process.env.API_BASE ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
  const { ok, lines } = await verifyDraw(eventId, async (action, payload) => {
    const response = await fetch(`${baseUrl}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    return (await response.json()) as ApiResult<never>;
  });
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
