/** What a roster file must be before it is sent: the server checks again (and reads it), this only saves a trip. */
export const ROSTER_EXTENSIONS = ['xlsx', 'csv'] as const;
/** The contract's limit: 10 MB of file (14,000,000 characters of base64). */
export const ROSTER_MAX_BYTES = 10 * 1024 * 1024;

/** Null when the file may be sent, else the sentence to show. */
export function checkRosterFile(name: string, size: number): string | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (!(ROSTER_EXTENSIONS as readonly string[]).includes(ext)) return `“${name}”不是 .xlsx 或 .csv 文件，请另存为 .xlsx 或 .csv 后重试`;
  if (size <= 0) return `“${name}”是空文件，请检查后重新选择`;
  if (size > ROSTER_MAX_BYTES) return `“${name}”超过 10 MB，请拆分后分批导入`;
  return null;
}

/** "12.3 KB", "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
