import { Text, View } from '@tarojs/components';
import type { CheckinPurposeName } from '../../../../../types/checkin';
import { clockSeconds } from '../../checkin-time';
import type { ShownResult } from '../../services/offline-scanner';
import './index.scss';

interface Props {
  result: ShownResult | null;
  /** Changes with every result: the panel flashes in again even when the label is the same. */
  seq: number;
  purpose: CheckinPurposeName;
}

/** The small line under the name: when it was recorded, or why it was refused (the server's sentence). */
function detailOf(result: ShownResult): string {
  const what = result.purpose === 'in' ? '签到' : '签退';
  if (result.status === 'recorded') {
    const when = result.at ? `${clockSeconds(result.at)} ${what}` : `已${what}`;
    return result.offline ? `${when} · 已在本机记录，联网后自动上传` : `${when} · 已记录`;
  }
  if (result.status === 'already') return result.at ? `首次${what}于 ${clockSeconds(result.at)}，无需重复扫码` : '无需重复扫码';
  return result.message;
}

/**
 * The answer to the last scan, readable at arm's length: the label in large type (签到成功 / 已签到 / 未报名 / 码已过期
 * / 非本活动 / 不在签到时间…), the member's name and class, coloured by outcome; 离线 when judged on the phone.
 */
export default function ScanResultPanel({ result, seq, purpose }: Props) {
  if (!result) {
    return (
      <View className='scan-verdict scanner-result scan-verdict--idle'>
        <Text className='scan-verdict__label scanner-result-label'>请扫{purpose === 'in' ? '签到' : '签退'}码</Text>
        <Text className='scan-verdict__hint'>请同学打开本活动的“签到码”，对准取景框</Text>
      </View>
    );
  }
  const name = result.member?.name ?? (result.studentNo ? `学号 ${result.studentNo}` : '');
  return (
    <View
      key={seq}
      className={`scan-verdict scanner-result scan-verdict--${result.status} scan-verdict--enter`}
      data-status={result.status}
      data-code={result.code ?? ''}
      data-seq={seq}
    >
      <View className='scan-verdict__top'>
        <Text className='scan-verdict__label scanner-result-label'>{result.label}</Text>
        {result.offline ? <Text className='scan-verdict__offline scanner-result-offline'>离线</Text> : null}
      </View>
      {name ? (
        <View className='scan-verdict__who'>
          <Text className='scan-verdict__name scanner-result-name'>{name}</Text>
          {result.member?.className ? <Text className='scan-verdict__class scanner-result-class'>{result.member.className}</Text> : null}
        </View>
      ) : null}
      <Text className='scan-verdict__message scanner-result-message'>{detailOf(result)}</Text>
    </View>
  );
}
