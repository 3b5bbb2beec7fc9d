import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './index.scss';

interface Props {
  /** The branch shown now: the box starts with it. */
  value: string | null;
  /** A one-line explanation of what may be looked at (the college, or the whole school). */
  hint: string;
  onPick: (branch: string) => void;
}

/** College officers and the committee look at any branch they cover: type its full name (as on the roster). */
export default function BranchPicker({ value, hint, onPick }: Props) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);

  function submit() {
    const branch = text.trim();
    if (branch) onPick(branch);
  }

  return (
    <View className='branch-query'>
      <View className='branch-query__row'>
        <Input
          className='branch-query__input members-branch-input'
          value={text}
          maxlength={64}
          confirmType='search'
          placeholder='输入团支部全称'
          placeholderClass='branch-query__placeholder'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={submit}
        />
        <Button className='branch-query__submit members-branch-submit' type='primary' size='small' disabled={!text.trim()} onClick={submit}>
          查看
        </Button>
      </View>
      <Text className='branch-query__hint'>{hint}；请填写名单中的全称（年级 + 班级 + 团支部）</Text>
    </View>
  );
}
