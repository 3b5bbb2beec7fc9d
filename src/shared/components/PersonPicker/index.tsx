import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import type { NamedAccount, RosterPerson } from '../../../../types/people-actions';
import { roleText } from '../../../utils/roles';
import { usePersonSearch } from '../../hooks/use-person-search';
import './index.scss';

/** Who was picked: a student on the roster (by 学号) or an account known by name (a teacher). */
export type PickedPerson =
  | { kind: 'student'; account: string; person: RosterPerson }
  | { kind: 'teacher'; account: string; person: NamedAccount };

interface Props {
  /** The account picked now (its `account`), to mark its row. */
  selected?: string | null;
  /** Students without a bound WeChat account cannot hold a role: shown, but not pickable. */
  onPick: (picked: PickedPerson) => void;
  placeholder?: string;
  hint?: string;
}

/**
 * Find a person by the start of their name or 学号 and pick them: nobody types a 学号 from memory or an openid. Students
 * are paged (10 a page, with the total); teachers who accepted an invitation are listed by name above them. Test hooks:
 * `.person-search-input` (H5: `… input`), `.person-search-submit`, `.person-result[data-account][data-kind]`
 * (`--selected`, `--unbound`), `.person-search-total`, `.person-pager-prev` / `-next`, `.person-search-empty`,
 * `.person-search-error`.
 */
export default function PersonPicker({ selected, onPick, placeholder = '输入姓名或学号，如“陈”或“2023”', hint }: Props) {
  const { query, setQuery, answer, loading, error, search } = usePersonSearch(10);
  const pages = answer ? Math.max(1, Math.ceil(answer.total / answer.pageSize)) : 0;
  const nothing = answer && answer.people.length === 0 && answer.accounts.length === 0;

  return (
    <View className='person-picker'>
      <View className='person-picker__bar'>
        <Input
          className='person-picker__input person-search-input'
          value={query}
          maxlength={30}
          placeholder={placeholder}
          placeholderClass='person-picker__placeholder'
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => void search(query)}
        />
        <Button className='person-picker__submit person-search-submit' type='primary' loading={loading} onClick={() => void search(query)}>
          查找
        </Button>
      </View>
      {hint ? <Text className='person-picker__hint'>{hint}</Text> : null}
      {error ? <Text className='person-picker__error person-search-error'>{error}</Text> : null}
      {nothing ? <Text className='person-picker__empty person-search-empty'>名单中没有姓名或学号以“{query.trim()}”开头的人</Text> : null}

      {answer && !nothing ? (
        <View className='person-picker__results'>
          {answer.accounts.map((a) => (
            <View
              key={a.account}
              data-account={a.account}
              data-kind='teacher'
              className={`person-picker__row person-result person-result--teacher ${selected === a.account ? 'person-picker__row--selected person-result--selected' : ''}`}
              onClick={() => onPick({ kind: 'teacher', account: a.account, person: a })}
            >
              <View className='person-picker__who'>
                <Text className='person-picker__name'>{a.name}</Text>
                <Text className='person-picker__tag'>老师</Text>
              </View>
              <Text className='person-picker__meta'>已接受邀请的微信账号</Text>
              <RoleChips roles={a.roles} />
            </View>
          ))}
          {answer.people.map((p) => (
            <View
              key={p.studentNo}
              data-account={p.studentNo}
              data-kind='student'
              className={`person-picker__row person-result ${p.bound ? '' : 'person-picker__row--unbound person-result--unbound'} ${selected === p.studentNo ? 'person-picker__row--selected person-result--selected' : ''}`}
              onClick={() => onPick({ kind: 'student', account: p.studentNo, person: p })}
            >
              <View className='person-picker__who'>
                <Text className='person-picker__name'>{p.name}</Text>
                <Text className='person-picker__no'>{p.studentNo}</Text>
                {p.bound ? null : <Text className='person-picker__tag person-picker__tag--warn'>未绑定微信</Text>}
              </View>
              <Text className='person-picker__meta'>
                {p.college} · {p.branch}
              </Text>
              <RoleChips roles={p.roles} />
            </View>
          ))}
          <View className='person-picker__pager'>
            <Text className='person-picker__total person-search-total'>
              共 {answer.total} 名学生{pages > 1 ? ` · 第 ${answer.page} / ${pages} 页` : ''}
            </Text>
            {pages > 1 ? (
              <View className='person-picker__pages'>
                <Button className='person-pager-prev' size='small' fill='outline' disabled={answer.page <= 1 || loading} onClick={() => void search(query, answer.page - 1)}>
                  上一页
                </Button>
                <Button className='person-pager-next' size='small' fill='outline' disabled={answer.page >= pages || loading} onClick={() => void search(query, answer.page + 1)}>
                  下一页
                </Button>
              </View>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  );
}

function RoleChips({ roles }: { roles: NamedAccount['roles'] }) {
  if (!roles.length) return null;
  return (
    <View className='person-picker__roles'>
      {roles.map((g) => (
        <Text key={`${g.role}:${g.scope}`} className='person-picker__role'>
          {roleText(g)}
        </Text>
      ))}
    </View>
  );
}
