import { MAX_PROBLEMS_LISTED, type FileAnswer } from '../../../types';
import { safeFileName } from '../../spreadsheets/file-names';
import { writeXlsx } from '../../spreadsheets/xlsx-writer';
import type { HandlerContext } from '../shared/context';
import { fileAnswer } from './file-answers';

interface Problem {
  row: number;
  column?: string;
  code: string;
  severity?: 'error' | 'warning';
  message: string;
}

/**
 * An import's problems as its answer carries them: the first MAX_PROBLEMS_LISTED (100) in the answer itself, and,
 * when there are more, all of them as an xlsx (行, 列, 级别, 代码, 说明) behind a link — a file with 20,000 bad rows
 * must not make an answer of several megabytes.
 */
export async function listedProblems<P extends Problem>(
  ctx: HandlerContext,
  owner: string,
  fileName: string,
  problems: readonly P[],
): Promise<{ problems: P[]; problemCount: number; problemsFile: FileAnswer | null }> {
  if (problems.length <= MAX_PROBLEMS_LISTED) return { problems: [...problems], problemCount: problems.length, problemsFile: null };
  const bytes = writeXlsx(
    {
      sheetName: '问题清单',
      header: ['行', '列', '级别', '代码', '说明'],
      widths: [8, 14, 8, 22, 80],
      rows: problems.map((p) => [p.row, p.column ?? '', p.severity === 'warning' ? '提示' : '错误', p.code, p.message]),
    },
    ctx.now(),
  );
  const stem = fileName.replace(/\.[^.]*$/, '');
  const problemsFile = await fileAnswer(ctx, owner, { fileName: `${safeFileName(`${stem}-问题清单`)}.xlsx`, bytes, rowCount: problems.length, purpose: 'problems' });
  return { problems: problems.slice(0, MAX_PROBLEMS_LISTED), problemCount: problems.length, problemsFile };
}
