import { Input, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { useBranchDirectory } from '../../hooks/use-branch-directory';
import './index.scss';

interface Props {
  /** 'branch': pick one 团支部 (grouped by college); 'college': pick one 学院. */
  mode: 'branch' | 'college';
  value: string;
  onChange: (value: string) => void;
  /** Test hook prefix (default `branch-picker`). */
  hook?: string;
  /** Only this college's branches (a college officer's own); null or absent: the whole school. */
  college?: string | null;
}

/**
 * The roster's branches grouped by college (or its colleges), with a filter: a branch is picked, never typed by its
 * exact full name. Used by the committee (角色管理) and by officers (团支部成员). Test hooks: `.<hook>`, `.<hook>-filter` (H5: `… input`), `.branch-option[data-value]`
 * (`--on`), `.branch-college[data-college]`, `.college-option[data-value]` (`--on`).
 */
export default function BranchPicker({ mode, value, onChange, hook = 'branch-picker', college = null }: Props) {
  const directory = useBranchDirectory((s) => s.colleges);
  const error = useBranchDirectory((s) => s.error);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    void useBranchDirectory.getState().load();
  }, [directory]);

  const branches = useMemo(() => (directory && college ? directory.filter((c) => c.college === college) : directory), [directory, college]);
  const shown = useMemo(() => {
    const f = filter.trim();
    if (!branches) return [];
    if (!f) return branches;
    return branches
      .map((c) => (c.college.includes(f) ? c : { ...c, branches: c.branches.filter((b) => b.branch.includes(f)) }))
      .filter((c) => c.branches.length > 0 || (mode === 'college' && c.college.includes(f)));
  }, [branches, filter, mode]);

  if (error) return <Text className='branch-picker__error'>{error}</Text>;
  if (!branches) return <Text className='branch-picker__loading'>正在读取名单中的团支部…</Text>;

  return (
    <View className={`branch-picker ${hook}`}>
      <Input
        className={`branch-picker__filter ${hook}-filter`}
        value={filter}
        maxlength={30}
        placeholder={mode === 'branch' ? '筛选：输入学院或团支部的一部分，如“护理”' : '筛选学院'}
        placeholderClass='branch-picker__placeholder'
        onInput={(e) => setFilter(e.detail.value)}
      />
      {value ? (
        <Text className='branch-picker__chosen'>
          已选：<Text className='branch-picker__chosen-name'>{value}</Text>
        </Text>
      ) : null}
      <View className='branch-picker__list'>
        {shown.length === 0 ? <Text className='branch-picker__none'>没有匹配的{mode === 'branch' ? '团支部' : '学院'}</Text> : null}
        {mode === 'college'
          ? shown.map((c) => (
              <View
                key={c.college}
                data-value={c.college}
                className={`branch-picker__option college-option ${value === c.college ? 'branch-picker__option--on college-option--on' : ''}`}
                onClick={() => onChange(c.college)}
              >
                <Text className='branch-picker__option-name'>{c.college}</Text>
                <Text className='branch-picker__count'>{c.branches.length} 个团支部 · {c.students} 人</Text>
              </View>
            ))
          : shown.map((c) => (
              <View key={c.college} className='branch-picker__college branch-college' data-college={c.college}>
                <Text className='branch-picker__college-name'>{c.college}</Text>
                <View className='branch-picker__options'>
                  {c.branches.map((b) => (
                    <View
                      key={b.branch}
                      data-value={b.branch}
                      className={`branch-picker__option branch-option ${value === b.branch ? 'branch-picker__option--on branch-option--on' : ''}`}
                      onClick={() => onChange(b.branch)}
                    >
                      <Text className='branch-picker__option-name'>{b.branch}</Text>
                      <Text className='branch-picker__count'>{b.students} 人</Text>
                    </View>
                  ))}
                </View>
              </View>
            ))}
      </View>
    </View>
  );
}
