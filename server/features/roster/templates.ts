import type { ActionOutput, ActionParsedInput } from '../../../types';
import { writeXlsx } from '../../spreadsheets/xlsx-writer';
import type { HandlerContext } from '../shared/context';
import { fileAnswer } from '../files/file-answers';
import { requireOpenid } from '../shared/caller';

/**
 * The import templates as .xlsx: the header row the importers read (server/features/roster/headers.ts and the credit
 * award reader) and one example row that shows the format (to be overwritten). Made on the server with the same xlsx
 * writer as the exports, so the browser and the mini program need no spreadsheet code; answered as a short-lived
 * link like every file the server makes (never inline).
 */
const TEMPLATES = {
  roster: {
    fileName: '学生名单导入模板.xlsx',
    sheetName: '学生名单',
    header: ['学号', '姓名', '二级学院', '班级', '团支部', '是否团员', '年级', '身份证后六位（选填）', '手机号（选填）'],
    example: ['2024011101', '张三', '信息工程学院', '24级软件技术1班', '24级软件技术1班团支部', '是', '2024级', '', ''],
    widths: [14, 10, 16, 18, 26, 10, 10, 20, 16],
  },
  creditAwards: {
    fileName: '批量记学分模板.xlsx',
    sheetName: '批量记学分',
    header: ['学号', '模块', '学分', '事由'],
    example: ['2024011101', '社会实践与志愿服务', '0.5', '校史馆讲解志愿者'],
    widths: [14, 18, 8, 30],
  },
} as const;

export async function getImportTemplate(input: ActionParsedInput<'getImportTemplate'>, ctx: HandlerContext): Promise<ActionOutput<'getImportTemplate'>> {
  const t = TEMPLATES[input.kind];
  const bytes = writeXlsx({ sheetName: t.sheetName, header: t.header, rows: [t.example], widths: t.widths }, ctx.now());
  return fileAnswer(ctx, await requireOpenid(ctx), { fileName: t.fileName, bytes, rowCount: 1 });
}
