import { Body1, Body1Strong, Caption1, RatingDisplay, mergeClasses } from '@fluentui/react-components';
import type { MyMentoringPair, MySession } from '../../../contracts/sessions.ts';
import { sessionRange, viewerClock } from '../../dates.ts';
import { SessionStatusLabel } from '../SessionStatus/SessionStatus.tsx';
import { usePastSessionsStyles } from './PastSessions.styles.ts';

/** Sessions that have ended or were cancelled, newest first: when, topic, how it went, the viewer's rating. */
export function PastSessions({ pair }: { pair: MyMentoringPair }) {
  const styles = usePastSessionsStyles();
  if (pair.past.length === 0) {
    return <Body1 className={styles.muted}>No past sessions yet. After your first one, how it went and your rating show here.</Body1>;
  }
  return (
    <ul className={styles.list}>
      {pair.past.map((session) => (
        <li key={session.id} className={styles.item}>
          <div className={mergeClasses(styles.stack, styles.wide)}>
            <Body1Strong>Session {session.n}</Body1Strong>
            <Caption1 className={styles.muted}>
              <time dateTime={session.start}>{sessionRange(session, viewerClock(pair), { named: false })}</time>
            </Caption1>
          </div>
          <div className={mergeClasses(styles.stack, styles.wide)}>
            <Caption1 className={styles.muted}>Topic</Caption1>
            <Body1>{session.topic.title}</Body1>
          </div>
          <SessionStatusLabel status={session.status} />
          <Rating session={session} />
        </li>
      ))}
    </ul>
  );
}

function Rating({ session }: { session: MySession }) {
  const styles = usePastSessionsStyles();
  if (session.myRating !== null) {
    return (
      <div className={styles.rating}>
        <Caption1 className={styles.muted}>Your rating</Caption1>
        <RatingDisplay value={session.myRating} max={5} size="small" aria-label={`${session.myRating} out of 5`} />
      </div>
    );
  }
  // Only a session that took place asks for feedback.
  if (session.status !== 'held' && session.status !== 'partly_held') return <span />;
  return <Caption1 className={styles.muted}>{session.answered ? 'Answered, no rating' : 'Not rated yet: the feedback card is in your chat'}</Caption1>;
}
