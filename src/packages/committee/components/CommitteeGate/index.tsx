import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import RefusalState from '../../../../shared/components/RefusalState';
import { openMe } from '../../../../utils/navigation';
import type { CommitteeAccess } from '../../hooks/use-committee-access';
import CommitteeSkeleton from '../CommitteeSkeleton';
import { useDeskLayout } from '../../hooks/use-desk-layout';

const COMMITTEE_NOTE = '名单导入、角色管理、审计日志和学分设置只对持有“校团委”角色的账号开放。如需开通，请联系校团委。';

interface Props {
  /** The page's useCommitteeAccess(need, forbidden): the page's own loading waits for the same answer. */
  access: CommitteeAccess;
  /** The page's root class, beside `committee-page` (weapp scopes styles per page, so each page names its own). */
  page: string;
  /** The band on top while checking or refusing; the page draws its own once allowed. */
  hero?: ReactNode;
  /** The refusal's headline and note, when the page's need is not the committee's own. */
  title?: string;
  note?: string;
  /** Shown under the hero while the account's roles are asked for (by default committee skeleton cards). */
  checking?: ReactNode;
  /** The page's content (its hero included), built only once access is allowed. */
  children: () => ReactNode;
}

/**
 * Every committee page's door: skeleton cards while the roles are checked, the refusal (FORBIDDEN: a shared link, an
 * old bookmark, a role revoked meanwhile; test hook `.committee-forbidden`, 返回 to 我的), or the page. Display only:
 * the server refuses anyway.
 */
export default function CommitteeGate({ access, page, hero, title = '仅限校团委使用', note = COMMITTEE_NOTE, checking, children }: Props) {
  useDeskLayout();
  let content: ReactNode;
  if (access.state === 'allowed') content = children();
  else
    content = (
      <>
        {hero}
        {access.state === 'checking' ? (
          (checking ?? <CommitteeSkeleton />)
        ) : (
          <RefusalState hook='committee-forbidden' title={title} message={access.message} note={note} onBack={openMe} />
        )}
      </>
    );
  return <View className={`committee-page ${page}`}>{content}</View>;
}
