/** Why a roster file could not be read at all. Row-level problems are not errors: see validate.ts. */
export type RosterFileErrorCode =
  | 'ROSTER_EMPTY'
  | 'ROSTER_TOO_LARGE'
  | 'ROSTER_TOO_MANY_ROWS'
  | 'ROSTER_TOO_MANY_COLUMNS'
  | 'ROSTER_CELL_TOO_LONG'
  | 'ROSTER_NOT_XLSX'
  | 'ROSTER_XLS_UNSUPPORTED'
  | 'ROSTER_NOT_TEXT'
  | 'ROSTER_BAD_CSV'
  | 'ROSTER_ZIP_TOO_LARGE'
  | 'ROSTER_BAD_XLSX';

const MESSAGES: Record<RosterFileErrorCode, string> = {
  ROSTER_EMPTY: '文件里没有数据，请检查是否选错了文件或工作表为空',
  ROSTER_TOO_LARGE: '文件超过 10 MB，请删除无关的列和工作表后重试',
  ROSTER_TOO_MANY_ROWS: '名单超过 20000 行，请按学院分成几个文件分别导入',
  ROSTER_TOO_MANY_COLUMNS: '表格的列数超过 256 列，请只保留名单需要的列后重试',
  ROSTER_CELL_TOO_LONG: '有单元格的内容超过 32767 个字符，请检查文件是否正确',
  ROSTER_NOT_XLSX: '文件不是有效的 Excel（.xlsx）文件，请另存为 .xlsx 或 .csv 后重试',
  ROSTER_XLS_UNSUPPORTED: '这是旧版 Excel（.xls）文件或设置了打开密码的文件，请在 Excel 中去掉密码并另存为 .xlsx 或 .csv 后重试',
  ROSTER_NOT_TEXT: '文件不是 CSV 文本文件，请上传 .xlsx 或 .csv 文件',
  ROSTER_BAD_CSV: 'CSV 文件格式有误，请在 Excel 中打开检查后重新保存为 CSV',
  ROSTER_ZIP_TOO_LARGE: 'Excel 文件解压后超过 100 MB，请删除无关的工作表、图片后另存为新文件重试',
  ROSTER_BAD_XLSX: 'Excel 文件已损坏或格式不受支持，请在 Excel 中另存为 .xlsx 或 .csv 后重试',
};

export class RosterFileError extends Error {
  readonly code: RosterFileErrorCode;
  /** For logs only (which part, which offset); never shown to the admin. */
  readonly detail: string | undefined;
  constructor(code: RosterFileErrorCode, detail?: string, message: string = MESSAGES[code]) {
    super(message);
    this.name = 'RosterFileError';
    this.code = code;
    this.detail = detail;
  }
}
