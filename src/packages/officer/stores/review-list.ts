import { codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';

/** Where one list of requests to answer (学分申诉, 请假) stands, beside its rows. */
export interface ListStatus {
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
}

/**
 * Loads one tab's list: an answer older than the latest asked for the same tab is dropped (`seq`); a silent refresh
 * that fails on the network keeps what is shown; any other failure (a refusal among them) is shown.
 */
export async function loadReviewList<L extends ListStatus>(
  seq: Record<string, number>,
  status: string,
  current: L,
  silent: boolean | undefined,
  patch: (change: Partial<L>) => void,
  fetch: () => Promise<Partial<L>>,
): Promise<void> {
  const mine = ++seq[status];
  patch({ loading: !silent || !current.loaded, error: null, errorCode: null } as Partial<L>);
  try {
    const rows = await fetch();
    if (mine !== seq[status]) return;
    patch({ ...rows, loading: false, loaded: true });
  } catch (error) {
    if (mine !== seq[status]) return;
    if (silent && current.loaded && codeOf(error) === 'NETWORK') return patch({ loading: false } as Partial<L>);
    patch({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) } as Partial<L>);
  }
}
