import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';

interface Props {
  onSubmit: (code: string) => void;
}

/**
 * 手动输入签到码: paste a code (or let a USB/Bluetooth scanner gun type it: its Enter submits), then 提交. Also how
 * the tests feed codes to the page (`.scanner-code-input textarea`, `.scanner-code-submit`).
 */
export default function CodeEntry({ onSubmit }: Props) {
  const [text, setText] = useState('');

  function submit(value = text) {
    const code = value.trim();
    if (!code) return;
    setText('');
    onSubmit(code);
  }

  function typed(value: string) {
    // A newline ends a code: scanner guns type the text and press Enter.
    const nl = value.indexOf('\n');
    if (nl >= 0) submit(value.slice(0, nl));
    else setText(value);
  }

  return (
    <View className='code-entry'>
      <View className='code-entry__head'>
        <Text className='code-entry__title'>手动输入签到码</Text>
        <Text className='code-entry__hint'>粘贴或用扫码枪录入</Text>
      </View>
      <View className='code-entry__row'>
        <Textarea
          className='code-entry__input scanner-code-input'
          value={text}
          maxlength={1000}
          placeholder='Y1.…'
          placeholderClass='code-entry__placeholder'
          onInput={(e) => typed(e.detail.value)}
          onConfirm={() => submit()}
        />
        <Button className='code-entry__submit scanner-code-submit' type='primary' size='small' disabled={!text.trim()} onClick={() => submit()}>
          提交
        </Button>
      </View>
    </View>
  );
}
