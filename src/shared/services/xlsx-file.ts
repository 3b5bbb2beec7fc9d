/**
 * An exported .xlsx (the server's base64) handed to the user. H5: downloaded as a file (a Blob behind an
 * `<a download>`). The weapp build resolves this module to xlsx-file.weapp.ts (saved in the mini program's user folder
 * and opened with openDocument). Shared by the officer's 到场名单 and the committee's 学分统计; only subpackages import
 * it, so it never reaches the main package.
 */
export interface SavedFile {
  fileName: string;
  rowCount: number;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function saveXlsxFile(fileName: string, contentBase64: string, rowCount: number): Promise<SavedFile> {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { fileName, rowCount };
}

/** A failure of saving or opening the file, as a sentence (the weapp side throws Chinese sentences). */
export function saveFailureMessage(error: unknown): string {
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message) ? error.message : '无法打开导出的文件，请稍后重试';
}
