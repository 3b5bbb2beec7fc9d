/**
 * A transport carries one action call to the back end and returns the raw ApiResult object
 * (`{ ok: true, data }` or `{ ok: false, code, message }`), or throws ApiClientError('NETWORK') when no answer came.
 */
export type Transport = (action: string, payload: unknown) => Promise<unknown>;
