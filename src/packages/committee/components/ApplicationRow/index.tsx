import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/time';
import type { Application } from '../../stores/applications';
import './index.scss';

interface Props {
  application: Application;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
}

/** One pending application: who, from where, when; 通过 / 不通过. */
export default function ApplicationRow({ application: a, busy, onApprove, onReject }: Props) {
  return (
    <View className='application-row' data-student-no={a.studentNo}>
      <View className='application-row__who'>
        <Text className='application-row__name application-name'>{a.name}</Text>
        <Text className='application-row__meta'>
          {a.className} · {a.studentNo}
        </Text>
        <Text className='application-row__meta'>
          {a.college} · {formatDateTime(a.appliedAt)} 报名
        </Text>
      </View>
      <View className='application-row__actions'>
        <Button className='application-reject' size='small' fill='outline' disabled={busy} onClick={onReject}>
          不通过
        </Button>
        <Button className='application-row__approve application-approve' size='small' type='primary' loading={busy} onClick={onApprove}>
          通过
        </Button>
      </View>
    </View>
  );
}
