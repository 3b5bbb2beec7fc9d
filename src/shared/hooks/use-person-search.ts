import { useRef, useState } from 'react';
import type { ActionOutput } from '../../../types/actions';
import { call, messageOf } from '../../services/api';

export type PersonSearchAnswer = ActionOutput<'searchRoster'>;

/**
 * The roster searched by the start of a name or a 学号, a page at a time (searchRoster). A later search wins over an
 * earlier one still on its way. Used where a person is picked instead of typed: roles, check-in helpers.
 */
export function usePersonSearch(pageSize = 10) {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<PersonSearchAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  async function search(text: string, page = 1) {
    const q = text.trim();
    if (!q) {
      setAnswer(null);
      setError('请输入姓名或学号');
      return;
    }
    const mine = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const data = await call('searchRoster', { query: q, page, pageSize });
      if (mine === latest.current) setAnswer(data);
    } catch (e) {
      if (mine === latest.current) setError(messageOf(e));
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  }

  return { query, setQuery, answer, loading, error, search, refresh: () => (answer ? search(query, answer.page) : Promise.resolve()) };
}
