import Taro from '@tarojs/taro';
import { ApiClientError, NETWORK_MESSAGE } from './api-error';
import type { Transport } from './transport-types';

/**
 * WeChat transport: every action goes through the one `api` cloud function; its return value (`result`) is the
 * ApiResult object. The caller's identity is the OPENID CloudBase attaches, never anything in the payload.
 */
export const transport: Transport = async (action, payload) => {
  try {
    const res = await Taro.cloud.callFunction({ name: 'api', data: { action, payload: payload ?? {} } });
    return res.result;
  } catch (error) {
    console.warn(`[api] callFunction ${action} failed`, error);
    throw new ApiClientError('NETWORK', NETWORK_MESSAGE);
  }
};
