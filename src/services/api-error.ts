import type { ErrorCode } from '../../types/errors';

/** Codes the client adds to the server's: the request never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** A refusal from the API (or a failure to reach it), with the Chinese sentence to show the student. */
export class ApiClientError extends Error {
  readonly code: ClientErrorCode;
  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiClientError';
  }
}

export const NETWORK_MESSAGE = '网络不可用，请检查网络后重试';
export const UNEXPECTED_MESSAGE = '服务器开小差了，请稍后再试';

/** The sentence to show for any error thrown by a call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiClientError) return error.message;
  return UNEXPECTED_MESSAGE;
}

export function codeOf(error: unknown): ClientErrorCode | null {
  return error instanceof ApiClientError ? error.code : null;
}
