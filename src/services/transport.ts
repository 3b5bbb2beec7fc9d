import { ApiClientError, NETWORK_MESSAGE } from './api-error';
import { getDemoUser } from './demo-identity';
import type { Transport } from './transport-types';

/**
 * HTTP transport, used by the H5 build (and any non-Taro runner): POST /api/<action> on the same origin as the page,
 * the local server answers with the same ApiResult JSON the cloud function returns. The weapp build resolves
 * `./transport` to transport.weapp.ts instead (Taro's per-platform file suffixes), so none of this ships there.
 */
export const transport: Transport = async (action, payload) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const demoUser = getDemoUser();
  if (demoUser) headers['X-Demo-User'] = demoUser;
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
  try {
    // Refusals come with 4xx/5xx statuses but still carry the ApiResult body.
    return await response.json();
  } catch {
    throw new ApiClientError(response.ok ? 'INTERNAL' : 'NETWORK', response.ok ? '服务器返回了无法识别的内容，请稍后再试' : NETWORK_MESSAGE);
  }
};
