import { sceneWebUrl } from '../../core';
import type { MiniCodeMaker } from '../features/sharing/mini-codes';
import { qrPng } from './qr-png';

/**
 * The local server's poster codes: a plain QR of the H5 event page on this server, carrying the same scene a
 * 小程序码 would (so the page resolves it the same way). `siteOrigin` is read when a code is made: the server's
 * address is known once it listens (SITE_ORIGIN overrides it, e.g. the LAN address phones can reach).
 */
export function localMiniCodes(siteOrigin: () => string): MiniCodeMaker {
  return {
    kind: 'qr',
    async make(scene) {
      const target = sceneWebUrl(siteOrigin(), scene);
      return { bytes: qrPng(target), target };
    },
  };
}
