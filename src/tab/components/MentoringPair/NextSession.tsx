import { Body1, Body1Strong, Button, Caption1, Card, Subtitle2, Title3 } from '@fluentui/react-components';
import { useId } from 'react';
import type { MyMentoringPair } from '../../../contracts/sessions.ts';
import { sessionRange, viewerClock } from '../../dates.ts';
import { firstName } from '../../format.ts';
import { SessionStatusLabel } from '../SessionStatus/SessionStatus.tsx';
import { Notice } from '../Status/Status.tsx';
import { useNextSessionStyles } from './NextSession.styles.ts';

/** The next session, the most prominent thing on the page: when (in the viewer's zone), what about, and Join on Teams. */
export function NextSession({ pair }: { pair: MyMentoringPair }) {
  const styles = useNextSessionStyles();
  const headingId = useId();
  const { next, partner } = pair;
  const partnerName = firstName(partner.displayName);
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={headingId} className={styles.title}>
          Next session
        </Subtitle2>
        {next ? (
          <Caption1 className={styles.muted}>
            Session {next.n} of {next.of}
          </Caption1>
        ) : null}
      </div>
      {next ? (
        <>
          {next.status === 'moved' && !next.note ? <SessionStatusLabel status="moved" /> : null}
          <div className={styles.when}>
            <Title3 as="p" className={styles.whenText}>
              <time dateTime={next.start}>{sessionRange(next, viewerClock(pair), { named: false })}</time>
            </Title3>
            <Caption1 className={styles.muted}>{pair.zoneName}</Caption1>
          </div>
          {next.note ? (
            <Notice intent="info" title={next.status === 'moved' ? 'This session has moved' : 'Note'} className={styles.notice}>
              <Body1>{next.note}</Body1>
            </Notice>
          ) : null}
          <div className={styles.topic}>
            <Caption1 className={styles.muted}>Topic</Caption1>
            <Body1Strong>{next.topic.title}</Body1Strong>
            {next.topic.description ? <Body1 className={styles.description}>{next.topic.description}</Body1> : null}
          </div>
          {next.joinUrl ? (
            <Button as="a" appearance="primary" className={styles.join} href={next.joinUrl} target="_blank" rel="noopener noreferrer" aria-label={`Join on Teams with ${partner.displayName}`}>
              Join on Teams
            </Button>
          ) : (
            <Caption1 className={styles.muted}>The Join link appears here once the meeting is in both calendars.</Caption1>
          )}
        </>
      ) : pair.past.length === 0 ? (
        <Body1>Nothing is booked yet. Flipside is finding times that suit you and {partnerName}; when it has some, you pick one in your pair chat in Teams and the session shows here.</Body1>
      ) : pair.counts.planned === 0 ? (
        <Body1>No more sessions are planned: your series with {partnerName} is over.</Body1>
      ) : (
        <Body1>Your next session with {partnerName} is not booked yet. Flipside tells you both in your pair chat in Teams once it is.</Body1>
      )}
    </Card>
  );
}
