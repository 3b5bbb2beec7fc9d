import type { ActionInput, ActionName, ActionOutput } from '../../types/actions';
import type { ApiResult } from '../../types/errors';
import { ApiClientError, UNEXPECTED_MESSAGE } from './api-error';
import { transport } from './transport';

export { ApiClientError, codeOf, messageOf } from './api-error';

/**
 * The one API client. Stores call it; pages never do. The transport is chosen at build time: cloud function on
 * weapp (transport.weapp.ts), HTTP to the local server on h5 (transport.ts). Resolves with the action's data, or
 * throws ApiClientError carrying the server's code and Chinese message.
 */
export async function call<A extends ActionName>(action: A, payload: ActionInput<A>): Promise<ActionOutput<A>> {
  const result = (await transport(action, payload)) as ApiResult<ActionOutput<A>> | null | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new ApiClientError('INTERNAL', UNEXPECTED_MESSAGE);
  }
  if (!result.ok) throw new ApiClientError(result.code, result.message || UNEXPECTED_MESSAGE);
  return result.data;
}
