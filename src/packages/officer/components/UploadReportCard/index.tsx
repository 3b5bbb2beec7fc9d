import { Text, View } from '@tarojs/components';
import { clock } from '../../checkin-time';
import type { UploadReport } from '../../services/offline-scanner';
import './index.scss';

interface Props {
  report: UploadReport;
  onClose: () => void;
}

/**
 * After offline scans were uploaded: how many, and each one the server did not take as the phone had shown it
 * (已由其他团干部签到, 离线期间该同学取消了报名, or a refusal), so the officer can follow up by hand.
 */
export default function UploadReportCard({ report, onClose }: Props) {
  const { uploaded, problems } = report;
  return (
    <View className={`upload-report scanner-report ${problems.length ? 'upload-report--problems' : ''}`}>
      <View className='upload-report__head'>
        <Text className='upload-report__title scanner-report-summary'>
          离线记录已上传 {uploaded} 条{problems.length ? `，${problems.length} 条需处理` : '，全部有效'}
        </Text>
        <Text className='upload-report__close scanner-report-close' onClick={onClose}>
          知道了
        </Text>
      </View>
      {problems.map((p) => (
        <View key={p.scanId} className='upload-report__item scanner-report-item' data-student-no={p.studentNo} data-kind={p.kind}>
          <View className='upload-report__who'>
            <Text className='upload-report__name'>{p.name}</Text>
            <Text className='upload-report__meta'>
              {p.studentNo} · {p.purpose === 'in' ? '签到' : '签退'} {clock(p.scannedAt)}
            </Text>
          </View>
          <Text className={`upload-report__label upload-report__label--${p.kind} scanner-report-label`}>{p.label}</Text>
        </View>
      ))}
    </View>
  );
}
