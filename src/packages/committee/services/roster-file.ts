import type { PickedRosterFile } from '../stores/committee';
import { checkRosterFile } from './roster-file-rules';

/**
 * H5: the roster file comes from a hidden `<input type="file" accept=".xlsx,.csv">` that the picker renders (tests
 * set its files directly) and is read here with FileReader. The weapp build resolves this module to
 * roster-file.weapp.ts, which opens WeChat's chat-file chooser instead.
 */
export const PICKS_WITH_FILE_INPUT = true;

/** Thrown with the sentence to show when a file cannot be used. */
export class RosterFileRefusal extends Error {}

export interface RosterFileSource {
  /** The File the hidden input holds. */
  file?: File | null;
}

/** The chosen file as base64, or null when there is none (the chooser was dismissed). */
export async function readRosterFile(source?: RosterFileSource): Promise<PickedRosterFile | null> {
  const file = source?.file;
  if (!file) return null;
  const refusal = checkRosterFile(file.name, file.size);
  if (refusal) throw new RosterFileRefusal(refusal);
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new RosterFileRefusal(`无法读取“${file.name}”，请重新选择`));
    reader.readAsDataURL(file);
  });
  const comma = dataUrl.indexOf(',');
  const contentBase64 = comma >= 0 ? dataUrl.slice(comma + 1) : '';
  if (!contentBase64) throw new RosterFileRefusal(`“${file.name}”是空文件，请检查后重新选择`);
  return { name: file.name, size: file.size, contentBase64 };
}
