/** File names may not hold these on Windows, macOS or in a Content-Disposition header. */
export function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || '活动';
}
