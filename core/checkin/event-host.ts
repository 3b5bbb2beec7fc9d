/** Who organises an event, for deciding which officers may run its check-in. */
export interface EventHost {
  /** committee: the 校团委 itself; college: a 院团总支; branch: a 团支部. */
  hostKind: 'committee' | 'college' | 'branch';
  /** The college or branch name ('' for the committee). */
  hostUnit: string;
  /** The college the host belongs to ('' for the committee). */
  hostCollege: string;
  /** Accounts (openids) the organiser assigned to run check-in, whatever their roles. */
  staffOpenids: readonly string[];
}
