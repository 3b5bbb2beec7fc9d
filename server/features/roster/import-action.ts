import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { importRoster } from './import-roster';
import { RosterFileError } from '../../spreadsheets/read-table';
import type { HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/** The committee's roster import: a preview with a row-by-row report, or the import itself. */
export async function importRosterFile(
  input: ActionParsedInput<'importRoster'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'importRoster'>> {
  const actor = await requireOpenid(ctx);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  try {
    return await importRoster(ctx.storage, bytes, input.fileName, {
      commit: input.commit,
      cleanRowsOnly: input.cleanRowsOnly ?? false,
      idHashKey: ctx.idHashKey,
      actor,
      now: ctx.now(),
    });
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('ROSTER_UNREADABLE', error.message);
    throw error;
  }
}
