import { Text, View } from '@tarojs/components';
import { clock } from '../../checkin-time';
import type { PackageInfo } from '../../stores/scanner';
import './index.scss';

interface Props {
  pkg: PackageInfo | null;
  pkgLoading: boolean;
  pkgError: string | null;
  offline: boolean;
  pending: number;
  uploading: boolean;
  uploadError: string | null;
  onRefresh: () => void;
  onUpload: () => void;
}

/**
 * The phone's readiness for no signal: the downloaded list (`离线名单已下载 10:02 · 120 人`), whether the network is
 * gone (离线模式), and the scans waiting for upload (`待上传 N 条`).
 */
export default function OfflineStatus({ pkg, pkgLoading, pkgError, offline, pending, uploading, uploadError, onRefresh, onUpload }: Props) {
  let pkgText: string;
  if (pkg) pkgText = `离线名单已下载 ${clock(pkg.downloadedAt)} · ${pkg.members} 人`;
  else if (pkgLoading) pkgText = '正在下载离线名单…';
  else pkgText = `未下载离线名单${pkgError ? `：${pkgError}` : ''}`;

  return (
    <View className={`offline-status ${offline ? 'offline-status--offline' : ''}`}>
      <View className='offline-status__row'>
        <View className={`offline-status__dot ${pkg ? 'offline-status__dot--ready' : ''}`} />
        <Text className={`offline-status__text scanner-package ${pkg ? 'scanner-package--ready' : 'scanner-package--missing'}`}>{pkgText}</Text>
        <Text className='offline-status__action scanner-package-refresh' onClick={onRefresh}>
          {pkgLoading ? '下载中…' : '更新'}
        </Text>
      </View>
      {offline || pending > 0 || uploadError ? (
        <View className='offline-status__row offline-status__row--second'>
          {offline ? <Text className='offline-status__badge scanner-offline'>离线模式</Text> : null}
          <Text className='offline-status__text'>
            {pending > 0 ? <Text className='offline-status__pending scanner-pending'>待上传 {pending} 条</Text> : null}
            {pending === 0 && offline ? '扫码结果保存在本机，联网后自动上传' : ''}
            {uploadError ? <Text className='offline-status__error scanner-upload-error'> {uploadError}</Text> : null}
          </Text>
          {pending > 0 ? (
            // Always the same handler: on weapp, removing a Text's only listener swaps its template and breaks it.
            <Text className='offline-status__action scanner-upload' onClick={() => (uploading ? undefined : onUpload())}>
              {uploading ? '上传中…' : '立即上传'}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
