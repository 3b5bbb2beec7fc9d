import Taro from '@tarojs/taro';
import type { PickedRosterFile } from '../stores/committee';
import { ensurePrivacyAgreed } from '../../../services/privacy';
import { privacyRefusalText } from '../../../stores/privacy';
import { isChooserCancel, readTempFileBase64 } from '../../../services/temp-file';
import { ROSTER_EXTENSIONS, checkRosterFile } from './roster-file-rules';

/**
 * WeChat: a mini program cannot browse the phone's files; the admin picks the roster from a chat (sent to 文件传输助手
 * from a computer, for example) with chooseMessageFile, and it is read as base64 from the temporary path.
 */
export const PICKS_WITH_FILE_INPUT = false;

export class RosterFileRefusal extends Error {}

export interface RosterFileSource {
  file?: File | null;
}


/** Opens the chooser; null when the admin dismissed it. */
export async function readRosterFile(_source?: RosterFileSource): Promise<PickedRosterFile | null> {
  let chosen: { path: string; name: string; size: number } | undefined;
  // A chat file is a privacy interface: refused, the import says so and the page stays as it was.
  if (!(await ensurePrivacyAgreed('chooseMessageFile'))) throw new RosterFileRefusal(privacyRefusalText('chooseMessageFile'));
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...ROSTER_EXTENSIONS] });
    chosen = res.tempFiles[0];
  } catch (error) {
    if (isChooserCancel(error)) return null;
    console.warn('[roster] chooseMessageFile failed', error);
    throw new RosterFileRefusal('无法打开聊天文件，请稍后重试');
  }
  if (!chosen) return null;
  const refusal = checkRosterFile(chosen.name, chosen.size);
  if (refusal) throw new RosterFileRefusal(refusal);
  const contentBase64 = await readTempFileBase64(chosen.path, new RosterFileRefusal(`无法读取“${chosen.name}”，请重新选择`));
  if (!contentBase64) throw new RosterFileRefusal(`“${chosen.name}”是空文件，请检查后重新选择`);
  return { name: chosen.name, size: chosen.size, contentBase64 };
}
