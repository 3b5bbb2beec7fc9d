import { ApiError } from '../../../types';
import type { HandlerContext } from '../shared/context';
import { CONTENT_LABELS, ContentCheckError, passingChecker, type ContentScene } from './checker';

/**
 * Checks what a user is about to publish, before anything is written: each named field on its own (in parallel), so
 * that a refusal can say which one to change. CONTENT_REFUSED names the field and what WeChat saw in it;
 * CONTENT_CHECK_FAILED when the check itself could not be made. Without a checker (local server) everything passes.
 */
export async function requireCleanText(
  ctx: HandlerContext,
  openid: string | null,
  scene: ContentScene,
  fields: ReadonlyArray<{ label: string; text: string | null | undefined }>,
): Promise<void> {
  const checker = ctx.contentCheck ?? passingChecker;
  const filled = fields.filter((f) => (f.text ?? '').trim() !== '');
  let verdicts;
  try {
    verdicts = await Promise.all(filled.map((f) => checker.checkText({ text: f.text!, openid, scene })));
  } catch (error) {
    if (error instanceof ContentCheckError) {
      console.error(`[content-check] ${error.detail}`);
      throw new ApiError('CONTENT_CHECK_FAILED');
    }
    throw error;
  }
  const refused = verdicts.findIndex((v) => !v.ok);
  if (refused >= 0) {
    const verdict = verdicts[refused];
    const what = !verdict.ok ? (CONTENT_LABELS[verdict.label] ?? CONTENT_LABELS[21000]) : '';
    throw new ApiError('CONTENT_REFUSED', `“${filled[refused].label}”中有${what}内容，未通过内容安全检查，请修改后再提交`);
  }
}
