import { ContentCheckError, type ContentChecker, type ContentScene } from './checker';

/**
 * WeChat's content checks from a cloud function, through wx-server-sdk's `cloud.openapi` (config.json must grant
 * `security.msgSecCheck` and `security.mediaCheckAsync`, else -604101):
 * - text: `security.msgSecCheck({ content, version: 2, scene, openid })` answers `{ result: { suggest, label },
 *   detail, traceId }`; `suggest` is `pass`, `review` (let through, logged) or `risky` (refused). A text longer than
 *   the interface takes (2,500 characters) is checked in parts; one risky part refuses the whole.
 * - images: `security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene, openid })` answers a `traceId`;
 *   the verdict comes later as a message push (event `wxa_media_check`).
 * errcode 61010 (the writer has not opened the mini program within two hours: version 2 cannot judge them) lets the
 * text through unchecked, logged; any other failure is a ContentCheckError and nothing is written.
 */
export interface SecurityApi {
  security: {
    msgSecCheck(args: { content: string; version: 2; scene: number; openid: string }): Promise<{ result?: { suggest?: string; label?: number } }>;
    mediaCheckAsync(args: { mediaUrl: string; mediaType: 2; version: 2; scene: number; openid: string }): Promise<{ traceId?: string }>;
  };
}

const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, log: 4 };
/** msgSecCheck's limit per call (characters). */
export const MSG_SEC_CHECK_MAX = 2500;
/** "The user has not visited the mini program in the last two hours." */
const NOT_IN_SESSION = 61010;

function errorOf(error: unknown): { code: number | null; text: string } {
  const e = error as { errCode?: number; errcode?: number; errMsg?: string; message?: string };
  const code = e?.errCode ?? e?.errcode ?? null;
  return { code: typeof code === 'number' ? code : null, text: `errcode ${code ?? '?'}: ${(e?.errMsg ?? e?.message ?? '').slice(0, 160)}` };
}

export function wechatContentChecker(openapi: SecurityApi, log: (line: string) => void = (l) => console.warn(l)): ContentChecker {
  return {
    async checkText({ text, openid, scene }) {
      const content = text.trim();
      if (!content) return { ok: true, checked: true };
      if (!openid) {
        log('[content-check] no WeChat account to check for: let through unchecked');
        return { ok: true, checked: false };
      }
      const parts: string[] = [];
      for (let i = 0; i < content.length; i += MSG_SEC_CHECK_MAX) parts.push(content.slice(i, i + MSG_SEC_CHECK_MAX));
      let checked = true;
      for (const part of parts) {
        let answer: { result?: { suggest?: string; label?: number } };
        try {
          answer = await openapi.security.msgSecCheck({ content: part, version: 2, scene: SCENES[scene], openid });
        } catch (error) {
          const { code, text: detail } = errorOf(error);
          if (code === NOT_IN_SESSION) {
            log(`[content-check] ${detail}: let through unchecked`);
            checked = false;
            continue;
          }
          throw new ContentCheckError(detail);
        }
        const suggest = answer?.result?.suggest;
        if (suggest === 'risky') return { ok: false, label: answer.result?.label ?? 21000 };
        if (suggest === 'review') log(`[content-check] suggest review (label ${answer.result?.label ?? '?'}): let through`);
        else if (suggest !== 'pass') throw new ContentCheckError(`unexpected answer ${JSON.stringify(answer).slice(0, 120)}`);
      }
      return { ok: true, checked };
    },

    async submitImage({ url, openid, scene }) {
      if (!openid) return { traceId: null };
      try {
        const answer = await openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: SCENES[scene], openid });
        return { traceId: typeof answer?.traceId === 'string' ? answer.traceId : null };
      } catch (error) {
        throw new ContentCheckError(errorOf(error).text);
      }
    },
  };
}
