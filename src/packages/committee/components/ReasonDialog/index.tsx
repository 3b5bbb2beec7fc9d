import { Dialog } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './index.scss';

interface Props {
  visible: boolean;
  title: string;
  /** What will happen, e.g. 将通知已报名的 12 位同学. */
  message: string;
  placeholder: string;
  confirmText: string;
  /** Resolves with a sentence to show when it failed, or null once done (the dialog then closes). */
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
}

/**
 * A confirmation that needs a reason (取消活动, 不通过, 退回): at least 2 characters, as the server asks. Test hooks:
 * `.reason-dialog`, `.reason-input` (H5: `.reason-input textarea`), `.reason-error`, `.nut-dialog-footer-ok`.
 */
export default function ReasonDialog({ visible, title, message, placeholder, confirmText, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (visible) {
      setReason('');
      setError(null);
    }
  }, [visible]);

  async function confirm() {
    if (reason.trim().length < 2) {
      setError('请填写原因（至少 2 个字）');
      throw new Error('reason missing'); // keeps the dialog open (NutUI closes it when onConfirm resolves)
    }
    const failed = await onConfirm(reason.trim());
    if (failed) {
      setError(failed);
      throw new Error(failed);
    }
  }

  return (
    <Dialog
      className='reason-dialog confirm-dialog'
      visible={visible}
      title={title}
      content={
        <View className='reason-dialog__body'>
          <Text className='reason-dialog__message'>{message}</Text>
          <Textarea
            className='reason-dialog__input reason-input'
            value={reason}
            maxlength={200}
            placeholder={placeholder}
            onInput={(e) => setReason(e.detail.value)}
          />
          {error ? <Text className='reason-dialog__error reason-error'>{error}</Text> : null}
        </View>
      }
      confirmText={confirmText}
      cancelText='再想想'
      onConfirm={confirm}
      onCancel={onClose}
      onClose={onClose}
    />
  );
}
