/**
 * H5: the exported list is downloaded as a file (a Blob behind an `<a download>`). The weapp build resolves this
 * module to attendance-export.weapp.ts (saved in the mini program's user folder and opened with openDocument).
 */
export interface SavedFile {
  fileName: string;
  rowCount: number;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function saveAttendanceFile(fileName: string, contentBase64: string, rowCount: number): Promise<SavedFile> {
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
