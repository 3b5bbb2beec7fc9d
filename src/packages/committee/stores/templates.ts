import { call, messageOf } from '../../../services/api';
import { saveFailureMessage, saveXlsxFile } from '../../../shared/services/xlsx-file';

/**
 * An import template as a file: H5 downloads the .xlsx, the mini program opens it (openDocument) so it can be forwarded
 * to a computer. Answers what to tell the person.
 */
export async function downloadTemplate(kind: 'roster' | 'creditAwards'): Promise<{ ok: boolean; message: string }> {
  try {
    const file = await call('getImportTemplate', { kind });
    try {
      await saveXlsxFile(file);
      return { ok: true, message: `已下载 ${file.fileName}` };
    } catch (error) {
      return { ok: false, message: saveFailureMessage(error) };
    }
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}
