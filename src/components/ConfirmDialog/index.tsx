import { Dialog } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';

interface Props {
  visible: boolean;
  title: string;
  message: string;
  confirmText?: string;
  cancelText?: string;
  /** May return a promise: the confirm button shows a spinner until it settles, then the dialog closes. */
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

/**
 * A yes/no question before an action that cannot be undone silently (取消报名, 退出候补), or a notice with one
 * button when cancelText is empty. Test hooks: `.confirm-dialog`, `.nut-dialog-footer-ok`, `.nut-dialog-footer-cancel`.
 */
export default function ConfirmDialog({ visible, title, message, confirmText = '确定', cancelText = '再想想', onConfirm, onCancel }: Props) {
  return (
    <Dialog
      className='confirm-dialog'
      visible={visible}
      title={title}
      content={<Text className='confirm-dialog__message'>{message}</Text>}
      confirmText={confirmText}
      cancelText={cancelText}
      hideCancelButton={!cancelText}
      closeOnOverlayClick
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    />
  );
}
