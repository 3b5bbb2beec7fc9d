import { ROLE_LABELS, type Role } from '../../../../types/enums';
import type { AuditEntry } from '../../../../types/models';

/** What the server looked up for the entries: names by openid or 学号, titles by event id. */
export interface AuditLookups {
  names: Record<string, string>;
  events: Record<string, string>;
}

/** One entry as a teacher reads it: who, a sentence of what was done (to whom, on which event), and why. */
export interface AuditSentence {
  who: string;
  what: string;
  /** The reason or other detail worth a line of its own ('' when none). */
  note: string;
}

const STUDENT_NO = /^[0-9]{6,20}$/;

function parse(detail: string): Record<string, unknown> {
  try {
    const value = JSON.parse(detail) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function roleName(role: unknown, scope: unknown): string {
  const label = typeof role === 'string' && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : String(role ?? '角色');
  return typeof scope === 'string' && scope ? `${label} · ${scope}` : label;
}

/**
 * The audit log's entries as sentences: "陈雯 通过了 张星月（2023011107）在「主题团日：青春向党」的学分申诉". Names come
 * from the server's bulk look-up; an account nobody knows reads 未登记的微信账号, never an openid; the seed and the timer
 * read 系统.
 */
export function auditSentence(entry: AuditEntry, { names, events }: AuditLookups): AuditSentence {
  const detail = parse(entry.detail);
  const account = (id: string) => (id === 'system' ? '系统' : (names[id] ?? (STUDENT_NO.test(id) ? id : '未登记的微信账号')));
  const student = (no: string) => (names[no] ? `${names[no]}（${no}）` : `学号 ${no}`);
  const event = (id: string) => (events[id] ? `「${events[id]}」` : '一个已删除的活动');
  const [first, second = ''] = entry.target.split(':');
  const reason = typeof detail.reason === 'string' && detail.reason ? `原因：${detail.reason}` : '';
  const who = account(entry.actor);

  const say = (what: string, note = reason): AuditSentence => ({ who, what, note });
  switch (entry.action) {
    case 'bindStudent':
      return say(`用微信绑定了学号 ${student(entry.target)}`);
    case 'unbindStudent':
      return say(`解绑了 ${student(entry.target)} 的微信`);
    case 'grantRole':
      return say(`授予 ${account(entry.target)}「${roleName(detail.role, detail.scope)}」`);
    case 'revokeRole':
      return say(`撤销了 ${account(entry.target)} 的「${roleName(detail.role, detail.scope)}」`);
    case 'importRoster':
      return say(
        `导入名单 ${entry.target}`,
        typeof detail.imported === 'number' ? `导入 ${detail.imported} 行${detail.skippedRows ? `，${String(detail.skippedRows)} 行有误未导入` : ''}` : '',
      );
    case 'event.create':
      return say(`创建了活动${event(entry.target)}`);
    case 'event.update':
      return say(`修改了活动${event(entry.target)}`, Array.isArray(detail.changed) && detail.changed.length ? `改动：${detail.changed.join('、')}` : '');
    case 'event.publish':
      return say(`发布了活动${event(entry.target)}`);
    case 'event.close':
      return say(`关闭了活动${event(entry.target)}的报名`);
    case 'event.reopen':
      return say(`重新开放了活动${event(entry.target)}的报名`);
    case 'event.cancel':
      return say(`取消了活动${event(entry.target)}`);
    case 'application.approve':
      return say(`通过了 ${student(second)} 报名${event(first)}的申请`);
    case 'application.reject':
      return say(`未通过 ${student(second)} 报名${event(first)}的申请`);
    case 'appeal.file':
      return say(`就${event(first)}提交了学分申诉`, typeof detail.note === 'string' ? `申诉内容：${detail.note}` : '');
    case 'appeal.accept':
      return say(`通过了 ${student(second)} 在${event(first)}的学分申诉`);
    case 'appeal.reject':
      return say(`驳回了 ${student(second)} 在${event(first)}的学分申诉`);
    case 'attendance.check_in':
      return say(`为 ${student(second)} 补记了${event(first)}的签到`);
    case 'attendance.check_out':
      return say(`为 ${student(second)} 补记了${event(first)}的签退`);
    case 'attendance.undo_check_in':
      return say(`撤销了 ${student(second)} 在${event(first)}的签到`);
    case 'attendance.undo_check_out':
      return say(`撤销了 ${student(second)} 在${event(first)}的签退`);
    case 'checkinStaff.assign':
      return say(`指派 ${account(second)} 为${event(first)}的签到员`);
    case 'checkinStaff.unassign':
      return say(`取消了 ${account(second)} 在${event(first)}的签到员指派`);
    case 'team.approve':
      return say(`通过了一个社会实践团队的报告${typeof detail.credited === 'number' ? `，为 ${detail.credited} 名成员记入学分` : ''}`);
    case 'team.return':
      return say('退回了一个社会实践团队的报告');
    case 'creditSettings.update':
      return say('修改了学分模块与毕业要求');
    case 'planSettings.update':
      return say('修改了年度目标与月度计划');
    case 'invitation.create':
      return say(`邀请 ${String(detail.name ?? '一位老师')} 担任「${roleName(detail.role, detail.scope)}」`);
    case 'invitation.revoke':
      return say('撤回了一份角色邀请');
    case 'invitation.accept':
      return say(`接受邀请，成为「${roleName(detail.role, detail.scope)}」`);
    case 'contest.round.create':
      return say(`创建了百生讲坛比赛「${String(detail.title ?? '')}」`);
    case 'contest.round.update':
      return say(`修改了百生讲坛比赛「${String(detail.title ?? '')}」`);
    case 'contest.judges':
      return say(
        '指定了一轮百生讲坛比赛的评委',
        Array.isArray(detail.judges) ? `评委：${(detail.judges as Array<{ name?: string }>).map((j) => j.name ?? '').join('、')}` : '',
      );
    case 'contest.startJudging':
      return say(`开始了一轮百生讲坛比赛的评审${typeof detail.entries === 'number' ? `（${detail.entries} 件作品）` : ''}`);
    case 'contest.publish':
      return say(`公布了一轮百生讲坛比赛的结果${typeof detail.advanced === 'number' ? `，${detail.advanced} 件作品晋级` : ''}`);
    case 'lecturer.save':
      return say(`${detail.active === false ? '将' : '把'} ${String(detail.name ?? account(entry.target))} ${detail.active === false ? '移出青年讲师团' : '列入青年讲师团'}`);
    case 'lecturer.talk.confirm':
      return say(`确认了一场讲师团宣讲「${String(detail.topic ?? '')}」`);
    case 'lecturer.talk.reject':
      return say(`退回了一场讲师团宣讲「${String(detail.topic ?? '')}」`);
    default:
      return say(`${entry.action} ${entry.target}`);
  }
}
