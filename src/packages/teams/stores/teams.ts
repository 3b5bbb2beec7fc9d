import { create } from 'zustand';
import type { ActionInput, ActionOutput } from '../../../../types/actions';
import { call, codeOf, messageOf } from '../../../services/api';
import type { ClientErrorCode } from '../../../services/api-error';
import { publish, subscribe } from '../../../stores/session-events';

export type Team = ActionOutput<'getMyTeams'>['teams'][number];
export type TeamResult = { ok: true; team: Team | null } | { ok: false; code: ClientErrorCode | null; message: string };

interface TeamsState {
  teams: Team[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  /** The team (id) or form ('create', 'join') whose request is in flight. */
  busy: string | null;

  load: (opts?: { silent?: boolean }) => Promise<void>;
  create: (input: ActionInput<'createTeam'>) => Promise<TeamResult>;
  join: (joinCode: string) => Promise<TeamResult>;
  leave: (teamId: string) => Promise<TeamResult>;
  update: (input: ActionInput<'updateTeam'>) => Promise<TeamResult>;
  signUp: (teamId: string) => Promise<TeamResult>;
  submitReport: (input: ActionInput<'submitTeamReport'>) => Promise<TeamResult>;
}

/**
 * 我的团队 (teams subpackage): the student's social-practice teams and everything a leader or member does with one.
 * Each change answers with the team as it now is, which replaces the one shown; a team sign-up registers every member,
 * so the other stores (catalogue, 我的报名) are told to refresh.
 */
export const useTeamsStore = create<TeamsState>()((set, get) => {
  function put(team: Team) {
    set((s) => ({ teams: s.teams.some((t) => t.id === team.id) ? s.teams.map((t) => (t.id === team.id ? team : t)) : [team, ...s.teams] }));
  }

  async function run(key: string, work: () => Promise<Team | null>): Promise<TeamResult> {
    if (get().busy) return { ok: false, code: null, message: '正在处理上一个操作，请稍候' };
    set({ busy: key });
    try {
      const team = await work();
      if (team) put(team);
      return { ok: true, team };
    } catch (error) {
      return { ok: false, code: codeOf(error), message: messageOf(error) };
    } finally {
      set({ busy: null });
    }
  }

  return {
    teams: [],
    loading: false,
    loaded: false,
    error: null,
    busy: null,

    async load(opts) {
      set({ loading: !opts?.silent || !get().loaded, error: null });
      try {
        const { teams } = await call('getMyTeams', {});
        set({ teams, loading: false, loaded: true });
      } catch (error) {
        set({ loading: false, error: messageOf(error) });
      }
    },

    create: (input) => run('create', async () => (await call('createTeam', input)).team),
    join: (joinCode) => run('join', async () => (await call('joinTeam', { joinCode: joinCode.trim().toUpperCase() })).team),
    update: (input) => run(input.teamId, async () => (await call('updateTeam', input)).team),
    submitReport: (input) => run(input.teamId, async () => (await call('submitTeamReport', input)).team),

    leave: (teamId) =>
      run(teamId, async () => {
        await call('leaveTeam', { teamId });
        set((s) => ({ teams: s.teams.filter((t) => t.id !== teamId) }));
        return null;
      }),

    signUp: (teamId) =>
      run(teamId, async () => {
        const { team } = await call('signUpTeam', { teamId });
        publish('registrationChanged', { eventId: team.eventId, kind: 'teamSignUp', by: 'teams' });
        return team;
      }),
  };
});

subscribe('identityChanged', () => {
  useTeamsStore.setState({ teams: [], loaded: false });
  void useTeamsStore.getState().load({ silent: true });
});
