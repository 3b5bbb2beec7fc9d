import { ROLE_LABELS, type Role } from '../../../../types/enums';

/** The audit log's actions as the committee reads them. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  bindStudent: '绑定学号',
  unbindStudent: '解绑',
  grantRole: '授予角色',
  revokeRole: '撤销角色',
  importRoster: '导入名单',
  'event.create': '创建活动',
  'event.update': '修改活动',
  'event.publish': '发布活动',
  'event.close': '关闭报名',
  'event.reopen': '重新开放',
  'event.cancel': '取消活动',
  'application.approve': '报名审核',
  'application.reject': '报名审核',
  'appeal.file': '学分申诉',
  'appeal.accept': '申诉通过',
  'appeal.reject': '申诉驳回',
  'attendance.check_in': '更正签到',
  'attendance.check_out': '更正签到',
  'attendance.undo_check_in': '更正签到',
  'attendance.undo_check_out': '更正签到',
  'checkinStaff.assign': '签到员',
  'checkinStaff.unassign': '签到员',
  'team.approve': '团队审核',
  'team.return': '团队审核',
  'creditSettings.update': '学分设置',
  'planSettings.update': '年度计划',
  'invitation.create': '角色邀请',
  'invitation.revoke': '角色邀请',
  'invitation.accept': '接受邀请',
  'contest.round.create': '百生讲坛',
  'contest.round.update': '百生讲坛',
  'contest.judges': '百生讲坛',
  'contest.startJudging': '百生讲坛',
  'contest.publish': '百生讲坛',
  'lecturer.save': '青年讲师团',
  'lecturer.talk.confirm': '青年讲师团',
  'lecturer.talk.reject': '青年讲师团',
};

/** What the target of each action is. */
const TARGET_LABELS: Record<string, string> = {
  bindStudent: '学号',
  unbindStudent: '学号',
  grantRole: '账号',
  revokeRole: '账号',
  importRoster: '文件',
};

const DETAIL_KEYS: Record<string, string> = {
  openid: '微信账号',
  reason: '原因',
  role: '角色',
  scope: '范围',
  dataRows: '数据行',
  imported: '已导入',
  skippedRows: '未导入',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? '其他';
}

export function auditTargetLabel(action: string): string {
  return TARGET_LABELS[action] ?? '对象';
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The entry's detail (a JSON object as the server wrote it) as `key: value` lines, plain text. Known keys read in
 * Chinese; anything else is shown as written. A detail that is not a JSON object is shown as one line.
 */
export function auditDetailLines(detail: string): Array<{ key: string; text: string }> {
  if (!detail.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ key: '', text: detail }];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ key: '', text: detail }];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({
    key,
    text: `${DETAIL_KEYS[key] ?? key}: ${valueText(key, value)}`,
  }));
}
