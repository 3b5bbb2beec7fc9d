import { SearchBar } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import './index.scss';

interface Props {
  value: string;
  placeholder?: string;
  /** Called with the trimmed keyword after the student pauses typing, confirms, or clears. */
  onSearch: (keyword: string) => void;
}

const PAUSE_MS = 400;

/** The catalogue's keyword box: searches as you type (after a short pause), on confirm, and on clear. */
export default function KeywordSearch({ value, placeholder = '搜索活动名称、地点或组织方', onSearch }: Props) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  function schedule(next: string, delay: number) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => onSearch(next.trim()), delay);
  }

  return (
    <View className='keyword-search search-bar'>
      <SearchBar
        value={text}
        shape='round'
        placeholder={placeholder}
        maxLength={40}
        clearable
        onChange={(v) => {
          setText(v);
          schedule(v, PAUSE_MS);
        }}
        onSearch={(v) => schedule(v, 0)}
        onClear={() => {
          setText('');
          schedule('', 0);
        }}
      />
    </View>
  );
}
