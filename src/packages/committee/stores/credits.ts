import { create } from 'zustand';
import type { ActionOutput } from '../../../../types/actions';
import type { CreditGroupView, CreditModuleView } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { subscribe } from '../../../stores/session-events';
import { saveFailureMessage, saveXlsxFile, type SavedFile } from '../../../shared/services/xlsx-file';
import { addTo, newTally } from '../../../../core/tally';

/**
 * 学分统计 (committee subpackage; college officers too): credits by college or branch and by module, and the export.
 * The server limits a college officer to their college whatever is asked; the page only starts there.
 */
export type GroupBy = 'college' | 'branch';
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ClientErrorCode | null; message: string };

export interface OverviewQuery {
  groupBy: GroupBy;
  /** One college's branches (or its row); null: every college the caller may see. */
  college: string | null;
}

interface CreditsState {
  query: OverviewQuery | null;
  modules: CreditModuleView[];
  groups: CreditGroupView[];
  requirementOverall: number;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  errorCode: ClientErrorCode | null;
  exporting: boolean;
  /** FORBIDDEN from the overview or the export: the page shows the refusal. */
  forbidden: string | null;

  load: (query: OverviewQuery, opts?: { silent?: boolean }) => Promise<void>;
  exportXlsx: () => Promise<Outcome<SavedFile>>;
  reset: () => void;
}

const initial = {
  query: null,
  modules: [],
  groups: [],
  requirementOverall: 0,
  loading: false,
  loaded: false,
  error: null,
  errorCode: null,
  exporting: false,
  forbidden: null,
};

let seq = 0;

const sameQuery = (a: OverviewQuery | null, b: OverviewQuery) => a !== null && a.groupBy === b.groupBy && a.college === b.college;

export const useCreditsStore = create<CreditsState>()((set, get) => ({
  ...initial,

  async load(query, opts) {
    const mine = ++seq;
    const same = sameQuery(get().query, query) && get().loaded;
    set({ query, loading: !opts?.silent || !same, error: null, errorCode: null, ...(same ? {} : { groups: [], loaded: false }) });
    try {
      const answer: ActionOutput<'getCreditOverview'> = await call('getCreditOverview', {
        groupBy: query.groupBy,
        ...(query.college ? { college: query.college } : {}),
      });
      if (mine !== seq) return;
      set({ modules: answer.modules, groups: answer.groups, requirementOverall: answer.requirementOverall, loading: false, loaded: true });
    } catch (error) {
      if (mine !== seq) return;
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      if (opts?.silent && same && codeOf(error) === 'NETWORK') return set({ loading: false });
      set({ loading: false, loaded: true, error: messageOf(error), errorCode: codeOf(error) });
    }
  },

  async exportXlsx() {
    if (get().exporting) return { ok: false, code: null, message: '正在导出，请稍候' };
    const college = get().query?.college ?? null;
    set({ exporting: true });
    try {
      const file = await call('exportCredits', college ? { college } : {});
      try {
        return { ok: true, value: await saveXlsxFile(file) };
      } catch (error) {
        return { ok: false, code: null, message: saveFailureMessage(error) };
      }
    } catch (error) {
      if (codeOf(error) === 'FORBIDDEN') set({ forbidden: messageOf(error) });
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ exporting: false });
    }
  },

  reset() {
    seq++;
    set(initial);
  },
}));

/** The figures of a whole view: every group added up. */
export interface OverviewTotals {
  students: number;
  studentsWithCredits: number;
  metRequirement: number;
  /** Hundredths. */
  total: number;
  /** Hundredths per student. */
  average: number;
  hours: number;
  /** Hundredths per module id. */
  byModule: Record<string, number>;
}

export function overviewTotals(groups: readonly CreditGroupView[]): OverviewTotals {
  const t: OverviewTotals = { students: 0, studentsWithCredits: 0, metRequirement: 0, total: 0, average: 0, hours: 0, byModule: newTally() };
  for (const g of groups) {
    t.students += g.students;
    t.studentsWithCredits += g.studentsWithCredits;
    t.metRequirement += g.metRequirement;
    t.total += g.total;
    t.hours += g.hours;
    for (const [id, amount] of Object.entries(g.byModule)) addTo(t.byModule, id, amount);
  }
  t.average = t.students > 0 ? Math.round(t.total / t.students) : 0;
  return t;
}

subscribe('identityChanged', () => useCreditsStore.getState().reset());
