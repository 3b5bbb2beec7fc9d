import RefusalState from '../../../../components/RefusalState';

/** FORBIDDEN: someone without the 校团委 role opened a committee page (a shared link, an old bookmark). */
export default function CommitteeRefusal({ message, onBack }: { message: string; onBack: () => void }) {
  return (
    <RefusalState
      hook='committee-forbidden'
      title='仅限校团委使用'
      message={message}
      note='名单导入、角色管理和审计日志只对持有“校团委”角色的账号开放。如需开通，请联系校团委。'
      onBack={onBack}
    />
  );
}
