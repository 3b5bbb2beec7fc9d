import { EVENT_PAGE, sceneTarget } from '../../../core';
import { MiniCodeError, type MiniCodeMaker } from './mini-codes';

/**
 * WeChat's 小程序码 from a cloud function: `cloud.openapi.wxacode.getUnlimited`. wx-server-sdk turns the camelCase
 * arguments into the HTTP API's snake_case, sends them as its protobuf `CommApiData` through @cloudbase/node-sdk's
 * `wx.openApi` request, and answers an image as `{ contentType, buffer }` (a JSON answer with an errcode is thrown as
 * `{ errCode, errMsg }`). The function's config.json must grant `"openapi": ["wxacode.getUnlimited"]` (else -604101).
 *
 * `envVersion`: which build the code opens — `release` (the default; the page must exist in the published version,
 * `checkPath` stays on), or `trial` / `develop` before the first release (then `checkPath: false`, since the page is
 * not published yet). Set by the function's environment variable WXACODE_ENV_VERSION.
 */
export interface WxacodeApi {
  wxacode: {
    getUnlimited(args: {
      scene: string;
      page: string;
      checkPath: boolean;
      envVersion: 'release' | 'trial' | 'develop';
      width: number;
    }): Promise<{ contentType?: string; buffer?: Uint8Array | ArrayBuffer }>;
  };
}

export type EnvVersion = 'release' | 'trial' | 'develop';

export function envVersionFrom(raw: string | undefined): EnvVersion {
  return raw === 'trial' || raw === 'develop' ? raw : 'release';
}

/** 430 px is WeChat's default and prints sharply at 5 cm, the size the poster gives it. */
export const WXACODE_WIDTH = 430;

export function wxacodeMaker(openapi: WxacodeApi, envVersion: EnvVersion = 'release'): MiniCodeMaker {
  return {
    kind: 'wxacode',
    async make(scene) {
      let result: { contentType?: string; buffer?: Uint8Array | ArrayBuffer };
      try {
        result = await openapi.wxacode.getUnlimited({
          scene,
          page: EVENT_PAGE,
          checkPath: envVersion === 'release',
          envVersion,
          width: WXACODE_WIDTH,
        });
      } catch (error) {
        const e = error as { errCode?: number; errcode?: number; errMsg?: string; message?: string };
        throw new MiniCodeError(`errcode ${e.errCode ?? e.errcode ?? '?'}: ${(e.errMsg ?? e.message ?? '').slice(0, 160)}`);
      }
      const buffer = result?.buffer;
      if (!buffer || !/^image\//.test(result.contentType ?? '')) {
        throw new MiniCodeError(`not an image (content type ${result?.contentType ?? 'none'})`);
      }
      const bytes = buffer instanceof Uint8Array ? new Uint8Array(buffer) : new Uint8Array(buffer);
      return { bytes, target: sceneTarget(scene) };
    },
  };
}
