import { ApiClientError, NETWORK_MESSAGE } from './api-error';
import { getDemoUser } from './demo-identity';
import type { Transport } from './transport-types';
import { getWebSession, webSessionRefused } from './web-session';

/**
 * HTTP transport, used by the H5 build (and any non-Taro runner): POST /api/<action> on the same origin as the page,
 * the local server answers with the same ApiResult JSON the cloud function returns. The weapp build resolves
 * `./transport` to transport.weapp.ts instead (Taro's per-platform file suffixes), so none of this ships there.
 *
 * Who the browser is: a web-login session (`Authorization: Bearer <token>`, see web-session.ts) and, in demo mode,
 * the demo identity picked on 我的 (X-Demo-User), which the server puts first when both are sent. A SESSION_EXPIRED
 * answer to a request that carried the token drops it (webSessionRefused), so the UI offers the login again.
 */
export const transport: Transport = async (action, payload) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const demoUser = getDemoUser();
  if (demoUser) headers['X-Demo-User'] = demoUser;
  const token = getWebSession();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(action)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload ?? {}),
    });
  } catch {
    throw new ApiClientError('NETWORK', NETWORK_MESSAGE);
  }
  let body: unknown;
  try {
    // Refusals come with 4xx/5xx statuses but still carry the ApiResult body.
    body = await response.json();
  } catch {
    throw new ApiClientError(response.ok ? 'INTERNAL' : 'NETWORK', response.ok ? '服务器返回了无法识别的内容，请稍后再试' : NETWORK_MESSAGE);
  }
  if (token && isSessionExpired(body)) webSessionRefused(token);
  return body;
};

function isSessionExpired(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as { ok?: unknown }).ok === false && (body as { code?: unknown }).code === 'SESSION_EXPIRED';
}
