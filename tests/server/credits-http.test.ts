import { startTestServer } from '../support/local-server';

/**
 * Who counts as one asker for the verify page's rate limit: on the local server the socket's peer (a forwarded-for
 * header sent by the caller is its own claim and changes nothing); on CloudBase HTTP access the hop the gateway
 * appended, never one the client wrote.
 */
jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: 'test-env',
  init: () => undefined,
  database: () => ({ command: {}, collection: () => ({}) }),
  getWXContext: () => ({}),
}));

describe('the verify rate limit over HTTP', () => {
  it('counts by the socket on the local server, whatever X-Forwarded-For the caller sends, and answers 429', async () => {
    const server = await startTestServer({ demoMode: false, now: () => new Date('2026-03-10T04:00:10Z') });
    try {
      for (let n = 0; n < 10; n++) {
        const res = await server.post('verifyTranscript', { code: 'ABCD-EFGH-JKMN-PQRS' }, { 'x-forwarded-for': `10.0.0.${n}` });
        expect(res).toMatchObject({ status: 404, body: { ok: false, code: 'TRANSCRIPT_CODE_UNKNOWN' } });
      }
      const limited = await server.post('verifyTranscript', { code: 'ABCD-EFGH-JKMN-PQRS' }, { 'x-forwarded-for': '10.0.0.99', 'x-real-ip': '10.0.0.98' });
      expect(limited).toMatchObject({ status: 429, body: { ok: false, code: 'RATE_LIMITED', message: '查询过于频繁，请一分钟后再试' } });
    } finally {
      await server.stop();
    }
  });

  it('takes the gateway’s hop on CloudBase HTTP access, and nothing for a mini-program call', async () => {
    const { clientAddressOf } = await import('../../cloudfunctions/api/src/index');
    const http = (headers: Record<string, unknown>) => ({ httpMethod: 'POST', path: '/api/verifyTranscript', headers, body: '{}' });
    expect(clientAddressOf(http({ 'X-Forwarded-For': '6.6.6.6, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf(http({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf(http({ 'x-real-ip': '198.51.100.4' }))).toBe('198.51.100.4');
    expect(clientAddressOf(http({}))).toBeUndefined();
    expect(clientAddressOf({ action: 'verifyTranscript', payload: { code: 'x' } })).toBeUndefined();
  });
});
