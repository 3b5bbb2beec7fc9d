import RefusalState from '../../../../shared/components/RefusalState';

/** FORBIDDEN on a check-in page: the account is not staff of this event (another branch's event, or no role). */
export default function CheckinRefusal({ message, onBack }: { message: string; onBack: () => void }) {
  return (
    <RefusalState
      hook='checkin-forbidden'
      title='无权管理该活动的签到'
      message={message}
      note='签到由主办团支部、所在学院的院团总支、校团委及主办方指派的签到员负责。如需协助签到，请联系活动主办方。'
      onBack={onBack}
    />
  );
}
