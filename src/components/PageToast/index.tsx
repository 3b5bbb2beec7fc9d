import { Toast } from '@nutui/nutui-react-taro';
import { useCallback, useState } from 'react';

export type ToastKind = 'success' | 'fail' | 'text';

interface ToastState {
  text: string;
  kind: ToastKind;
  seq: number;
}

/**
 * One toast per page, rendered in the page tree (so tests can read it on both platforms).
 * Usage: `const [toastNode, showToast] = usePageToast(); … showToast('报名成功', 'success')`.
 */
export function usePageToast() {
  const [state, setState] = useState<ToastState | null>(null);
  const show = useCallback((text: string, kind: ToastKind = 'text') => {
    setState((prev) => ({ text, kind, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const node = (
    <Toast
      key={state?.seq ?? 0}
      className='page-toast'
      contentClassName='page-toast__content toast-message'
      visible={state !== null}
      content={state?.text ?? ''}
      icon={state && state.kind !== 'text' ? state.kind : undefined}
      duration={state?.kind === 'fail' ? 3 : 2}
      onClose={() => setState(null)}
    />
  );
  return [node, show] as const;
}
