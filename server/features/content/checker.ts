/**
 * The port behind content checks: text (and, once events carry covers, images) that users publish for others to read
 * — appeal notes, team reports, event titles and descriptions — is checked before it is stored. On CloudBase WeChat's
 * own checks (security.msgSecCheck for text, security.mediaCheckAsync for images: wechat-checker.ts); on the local
 * server and in tests nothing is sent anywhere and everything passes (`passingChecker`), unless a test hands the
 * handler a checker of its own.
 *
 * Scenes are msgSecCheck's (version 2): 1 资料 (profile), 2 评论 (comment), 3 论坛 (forum), 4 社交日志 (log).
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'log';

export interface TextToCheck {
  text: string;
  /** The writer's WeChat account (version 2 needs one that used the mini program in the last two hours). */
  openid: string | null;
  scene: ContentScene;
}

/**
 * ok: may be published (`checked: false` when the platform could not judge this writer, e.g. an officer on a
 * computer whose last visit to the mini program was hours ago: let through and logged). refused: `label` is
 * WeChat's category (20001 时政, 20002 色情, …).
 */
export type ContentVerdict = { ok: true; checked: boolean } | { ok: false; label: number };

export interface ContentChecker {
  checkText(input: TextToCheck): Promise<ContentVerdict>;
  /** Submits an image (a temporary URL) for WeChat's asynchronous check; the verdict arrives as a message push. */
  submitImage(input: { url: string; openid: string | null; scene: ContentScene }): Promise<{ traceId: string | null }>;
}

/** The check could not be made (network, quota, configuration): nothing is written, the writer may try again. */
export class ContentCheckError extends Error {
  constructor(readonly detail: string) {
    super(`content check failed: ${detail}`);
    this.name = 'ContentCheckError';
  }
}

/** Local server and tests: no platform to ask; everything may be published. */
export const passingChecker: ContentChecker = {
  async checkText() {
    return { ok: true, checked: false };
  },
  async submitImage() {
    return { traceId: null };
  },
};

/** What each of WeChat's labels means, for the writer's refusal. */
export const CONTENT_LABELS: Readonly<Record<number, string>> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '不适宜发布',
};
