import { Text, View } from '@tarojs/components';
import type { ShareView } from '../../../../../types/models';
import { creditsText } from '../../../../utils/credits';
import { formatDateTime } from '../../../../utils/time';
import './index.scss';

interface Props {
  shares: ShareView[];
  /** Shares whose code this phone holds (it can show their code and QR again). */
  known: Set<string>;
  revoking: string | null;
  onOpen: (shareId: string) => void;
  onRevoke: (shareId: string) => void;
}

/** 已分享的成绩单: each issued transcript, valid or revoked; 撤回 makes its code fail at once. */
export default function ShareList({ shares, known, revoking, onOpen, onRevoke }: Props) {
  if (shares.length === 0) {
    return <Text className='shares-empty'>还没有分享过成绩单。生成后，用人单位可凭验证码核验真伪。</Text>;
  }
  return (
    <View className='share-list'>
      {shares.map((s) => {
        const revoked = s.revokedAt !== null;
        return (
          <View key={s.shareId} className={`share-item ${revoked ? 'share-item--revoked' : ''}`} data-share-id={s.shareId} data-state={revoked ? 'revoked' : 'valid'}>
            <View className='share-item__main'>
              <View className='share-item__head'>
                <Text className='share-item__title'>{`签发于 ${formatDateTime(s.issuedAt)}`}</Text>
                <Text className={`share-item__state share-state share-state--${revoked ? 'revoked' : 'valid'}`}>{revoked ? '已撤回' : '有效'}</Text>
              </View>
              <Text className='share-item__meta'>
                {`总计 ${creditsText(s.total)} · ${s.includesTimeline ? '含学分明细' : '仅各模块合计'}${revoked ? ` · 撤回于 ${formatDateTime(s.revokedAt!)}` : ''}`}
              </Text>
            </View>
            {revoked ? null : (
              <View className='share-item__actions'>
                {known.has(s.shareId) ? (
                  <Text className='share-item__action share-open' onClick={() => onOpen(s.shareId)}>
                    查看
                  </Text>
                ) : null}
                <Text className='share-item__action share-item__action--danger share-revoke' onClick={() => onRevoke(s.shareId)}>
                  {revoking === s.shareId ? '撤回中…' : '撤回'}
                </Text>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
