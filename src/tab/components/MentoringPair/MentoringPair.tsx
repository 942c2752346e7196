import { Caption1, Card, Subtitle1, Subtitle2 } from '@fluentui/react-components';
import { useId } from 'react';
import type { MyMentoringPair } from '../../../contracts/sessions.ts';
import { firstName } from '../../format.ts';
import { SessionProgress } from '../SessionProgress/SessionProgress.tsx';
import { ActionItems } from './ActionItems.tsx';
import { GoalProgress } from './GoalProgress.tsx';
import { NextSession } from './NextSession.tsx';
import { PartnerCard } from './PartnerCard.tsx';
import { PastSessions } from './PastSessions.tsx';
import { SkillChange } from './SkillChange.tsx';
import { useMentoringPairStyles } from './MentoringPair.styles.ts';

/** One pair of the participant's: partner and why, the next session, how the past ones went, action items, goals. */
export function MentoringPair({ pair }: { pair: MyMentoringPair }) {
  const styles = useMentoringPairStyles();
  const headingId = useId();
  const pastId = useId();
  const partner = firstName(pair.partner.displayName);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div className={styles.heading}>
        <Subtitle1 as="h2" id={headingId} className={styles.title}>
          {pair.programName}
        </Subtitle1>
        <Caption1 className={styles.muted}>
          You are {pair.role === 'mentor' ? `${partner}'s mentor` : `${partner}'s mentee`} · times in {pair.zoneName}
        </Caption1>
      </div>
      <div className={styles.top}>
        <NextSession pair={pair} />
        <div className={styles.partner}>
          <PartnerCard pair={pair} />
        </div>
      </div>
      <Card className={styles.card} aria-labelledby={pastId}>
        <div className={styles.cardHead}>
          <Subtitle2 as="h3" id={pastId} className={styles.cardTitle}>
            Past sessions
          </Subtitle2>
          {pair.counts.total > 0 ? <SessionProgress tally={pair.counts} wide /> : null}
        </div>
        <PastSessions pair={pair} />
      </Card>
      <div className={styles.bottom}>
        <ActionItems pair={pair} />
        <GoalProgress pair={pair} />
      </div>
      {pair.skills.length > 0 ? <SkillChange pair={pair} /> : null}
    </section>
  );
}
