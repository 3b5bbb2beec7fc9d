import { Text, View } from '@tarojs/components';
import './index.scss';

/** A row's problem as the server reports it for an uploaded file (名单导入, 批量记学分); no severity means an error. */
export interface FileProblem {
  row: number;
  column?: string;
  code: string;
  severity?: 'error' | 'warning';
  message: string;
}

type Problem = FileProblem;

/** Problems shown at once: a file full of errors stays scrollable; the count says how many more there are. */
const SHOWN = 200;

/**
 * The server's sentence is shown as it is. Most start with the row ("第 5 行：…", "第 1 行（表头）：…"); the row is
 * printed beside the tag only for those that do not, so it never reads twice.
 */
function namesRow(p: Problem): boolean {
  return new RegExp(`^第\\s*${p.row}\\s*行`).test(p.message);
}

/** Errors first (they decide what can be imported), then warnings; each in file order. */
function ordered(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === 'warning' ? 1 : 0);
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.row - b.row);
}

/** The preview's row-by-row report: where (row, column) and what, as the server worded it. Plain text only. */
export default function RosterProblemList({ problems, hook = 'roster-problem' }: { problems: Problem[]; hook?: string }) {
  if (problems.length === 0) return null;
  const list = ordered(problems);
  const shown = list.slice(0, SHOWN);
  return (
    <View className='roster-problems'>
      {shown.map((p, i) => {
        const severity = p.severity ?? 'error';
        return (
          <View
            key={`${p.row}:${p.column ?? ''}:${p.code}:${i}`}
            className={`roster-problems__item roster-problem--${severity} ${hook} ${hook}--${severity}`}
            data-row={p.row}
            data-severity={severity}
          >
            <View className='roster-problems__where'>
              <Text className={`roster-problems__tag roster-problems__tag--${severity}`}>{severity === 'error' ? '错误' : '提示'}</Text>
              {namesRow(p) ? null : <Text className='roster-problems__row'>第 {p.row} 行</Text>}
              {p.column ? <Text className='roster-problems__column'>{p.column}</Text> : null}
            </View>
            <Text className='roster-problems__message'>{p.message}</Text>
          </View>
        );
      })}
      {list.length > SHOWN ? (
        <Text className='roster-problems__more'>还有 {list.length - SHOWN} 条未显示，请先修改以上问题后重新选择文件</Text>
      ) : null}
    </View>
  );
}
