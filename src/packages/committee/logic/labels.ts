import type { ActionOutput } from '../../../../types/actions';

/** Words of the committee's publishing, teams and outbox pages, in one place. */
export type Lifecycle = 'draft' | 'published' | 'closed' | 'cancelled';
export type ManagedEvent = ActionOutput<'listManagedEvents'>['events'][number];
export type Team = ActionOutput<'listTeams'>['teams'][number];
export type OutboxMessage = ActionOutput<'listOutbox'>['messages'][number];

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已关闭',
  cancelled: '已取消',
};

export const OUTBOX_KIND_LABELS: Record<OutboxMessage['kind'], string> = {
  event_reminder: '活动提醒',
  waitlist_promoted: '候补转正',
  event_cancelled: '活动取消',
  lottery_result: '抽签结果',
  new_event: '新活动提醒',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxMessage['status'], string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未授权·跳过',
};

export const TEAM_STATUS_LABELS: Record<Team['status'], string> = {
  forming: '组队中',
  signed_up: '已报名',
  report_submitted: '待审核',
  approved: '已通过',
  returned: '已退回',
};

export const RECRUITMENT_LABELS = { open: '直接报名', approval: '审核报名', interview: '面试招募' } as const;
export const HOST_KIND_LABELS = { committee: '校团委', college: '学院', branch: '团支部' } as const;
