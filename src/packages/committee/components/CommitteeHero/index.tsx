import type { ReactNode } from 'react';
import PageHero from '../../../../shared/components/PageHero';

/** The red band on top of every committee page: what the page is for, in one line. */
export default function CommitteeHero({ title, subtitle, children }: { title: string; subtitle: string; children?: ReactNode }) {
  return (
    <PageHero badge='校团委' title={title} subtitle={subtitle}>
      {children}
    </PageHero>
  );
}
