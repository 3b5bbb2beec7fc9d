import RefusalState from '../../../../shared/components/RefusalState';

const COMMITTEE_NOTE = '名单导入、角色管理、审计日志和学分设置只对持有“校团委”角色的账号开放。如需开通，请联系校团委。';

/** FORBIDDEN: someone without the needed role opened a committee page (a shared link, an old bookmark). */
export default function CommitteeRefusal({ message, onBack, title = '仅限校团委使用', note = COMMITTEE_NOTE }: { message: string; onBack: () => void; title?: string; note?: string }) {
  return <RefusalState hook='committee-forbidden' title={title} message={message} note={note} onBack={onBack} />;
}
