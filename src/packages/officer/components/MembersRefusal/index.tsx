import RefusalState from '../../../../shared/components/RefusalState';

/** FORBIDDEN: a student, or an officer of another branch or college, asked for a member list. */
export default function MembersRefusal({ message, onBack }: { message: string; onBack: () => void }) {
  return (
    <RefusalState
      hook='members-forbidden'
      title='无权查看该团支部成员'
      message={message}
      note='成员名单仅对本团支部的团干部、所在学院的院团总支和校团委开放。如需开通，请联系校团委。'
      onBack={onBack}
    />
  );
}
