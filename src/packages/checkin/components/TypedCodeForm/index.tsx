import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';

interface Props {
  busy: boolean;
  onSubmit: (code: string) => void;
  /** Open from the start (H5 without a camera); otherwise behind 输入签到码. */
  open?: boolean;
}

/**
 * When the camera cannot be used: the event code typed (or pasted) from the screen it is shown on. Hooks:
 * `.scan-type-toggle`, `.scan-code-input` (the input; on H5 the class is on Taro's wrapper), `.scan-code-submit`.
 */
export default function TypedCodeForm({ busy, onSubmit, open = false }: Props) {
  const [shown, setShown] = useState(open);
  const [value, setValue] = useState('');
  const text = value.trim();

  if (!shown && !open) {
    return (
      <Text className='typed-code__toggle scan-type-toggle' onClick={() => setShown(true)}>
        无法扫码？输入签到码
      </Text>
    );
  }

  return (
    <View className='typed-code'>
      <Text className='typed-code__label'>输入签到码</Text>
      <Input
        className='typed-code__input scan-code-input'
        value={value}
        maxlength={1000}
        placeholder='粘贴或输入活动码（以 Y1E. 开头）'
        placeholderClass='typed-code__placeholder'
        confirmType='done'
        onInput={(e) => setValue(e.detail.value)}
        onConfirm={() => text && !busy && onSubmit(text)}
      />
      <Button
        className='typed-code__submit scan-code-submit'
        type='primary'
        block
        disabled={!text || busy}
        loading={busy}
        onClick={() => text && onSubmit(text)}
      >
        签到
      </Button>
    </View>
  );
}
