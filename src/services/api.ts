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

/** The lists answered a page a call (types/pages.ts): their answers carry `events` and `next`. */
type PagedAction = 'listEvents' | 'listManagedEvents' | 'listCheckinEvents';

/**
 * Every page of a paged list, asked one after another (`cursor` = the previous answer's `next`, until null), as one
 * array. A list changing between two pages may show an event moved across the boundary twice or not at all; the
 * caller's next reload sees it right. Bounded (a runaway cursor stops after `maxPages`).
 */
export async function callAllPages<A extends PagedAction>(
  action: A,
  payload: Omit<ActionInput<A>, 'cursor'>,
  maxPages = 100,
): Promise<ActionOutput<A>['events']> {
  const events: Array<ActionOutput<A>['events'][number]> = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const answer: { events: ActionOutput<A>['events']; next: string | null } = await call(action, {
      ...payload,
      ...(cursor ? { cursor } : {}),
    } as ActionInput<A>);
    events.push(...answer.events);
    cursor = answer.next;
    if (!cursor) break;
  }
  return events as ActionOutput<A>['events'];
}
