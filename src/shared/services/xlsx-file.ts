/**
 * An exported .xlsx handed to the user: the server stores it and answers a short-lived link (`url`: a same-origin
 * `/files/<token>` on the local server, a cloud storage URL on CloudBase). H5: downloaded through an `<a download>`.
 * The weapp build resolves this module to xlsx-file.weapp.ts (downloaded and opened with openDocument). Shared by the
 * officer's 到场名单 and the committee's exports; only subpackages import it, so it never reaches the main package.
 */
export interface SavedFile {
  fileName: string;
  rowCount: number;
}

export async function saveXlsxFile(file: { fileName: string; url: string; rowCount: number }): Promise<SavedFile> {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return { fileName: file.fileName, rowCount: file.rowCount };
}

/** A failure of saving or opening the file, as a sentence (the weapp side throws Chinese sentences). */
export function saveFailureMessage(error: unknown): string {
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message) ? error.message : '无法打开导出的文件，请稍后重试';
}
