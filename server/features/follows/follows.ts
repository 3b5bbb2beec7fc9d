import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { FOLLOW_TOPICS, isFollowTopic } from '../../../core';
import { requireStudentNo } from '../shared/caller';
import type { HandlerContext } from '../shared/context';

/**
 * 关注: the topics a student follows, and how many alerts WeChat still lets us send them (one per "allow" given at a
 * follow tap, recorded by recordSubscribeConsent with kind new_event). Following is idempotent either way.
 */
async function answer(ctx: HandlerContext, studentNo: string): Promise<ActionOutput<'listFollowTopics'>> {
  const [followed, consents] = await Promise.all([ctx.storage.followsOf(studentNo), ctx.storage.consents(studentNo)]);
  const mine = new Set(followed);
  return { topics: FOLLOW_TOPICS.map((t) => ({ id: t.id, label: t.label, followed: mine.has(t.id) })), alertsLeft: consents.new_event ?? 0 };
}

export async function listFollowTopics(_input: ActionParsedInput<'listFollowTopics'>, ctx: HandlerContext): Promise<ActionOutput<'listFollowTopics'>> {
  return answer(ctx, await requireStudentNo(ctx));
}

export async function setFollow(input: ActionParsedInput<'setFollow'>, ctx: HandlerContext): Promise<ActionOutput<'setFollow'>> {
  const studentNo = await requireStudentNo(ctx);
  if (!isFollowTopic(input.topic)) throw new ApiError('INVALID_INPUT', `没有这种活动类型「${input.topic}」，请刷新后重选`);
  await ctx.storage.setFollow(studentNo, input.topic, input.follow, ctx.now());
  return answer(ctx, studentNo);
}
