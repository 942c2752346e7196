import { Body1, Body1Strong, Button } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import type { BookingView } from '../../../contracts/matching.ts';
import { capitalised, howSoon, seriesText } from '../../bookingText.ts';
import { sessionRange, viewerClock } from '../../dates.ts';
import { Notice } from '../Status/Status.tsx';
import { useMatchSessionsStyles } from './MatchSessions.styles.ts';

export interface MatchSessionsProps {
  /** Null before Flipside starts looking for a time. */
  booking: BookingView | null;
  partnerName: string;
}

/** A match's "Sessions": the next one and the join link once booked, or where finding a time stands. */
export function MatchSessions({ booking, partnerName }: MatchSessionsProps) {
  const styles = useMatchSessionsStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Body1Strong as="h4" id={headingId} className={styles.heading}>
        Sessions
      </Body1Strong>
      <SessionsBody booking={booking} partnerName={partnerName} />
    </section>
  );
}

function SessionsBody({ booking, partnerName }: MatchSessionsProps): ReactNode {
  const styles = useMatchSessionsStyles();
  const finding = <Body1>Flipside is finding a time that suits you both.</Body1>;
  if (!booking) return finding;
  switch (booking.status) {
    case 'finding':
      return finding;
    case 'choosing':
      return <Body1>Pick one of the offered times in your pair chat in Teams.</Body1>;
    case 'booking':
      return <Body1>Booking your series…</Body1>;
    case 'booked':
      return <Booked booking={booking} partnerName={partnerName} />;
    case 'unbookable':
      return (
        <Notice intent="warning" title="No meeting booked yet" className={styles.notice}>
          {booking.problem ? <Body1>{capitalised(booking.problem)}</Body1> : null}
          <Body1>Use Try again on the card in your pair chat, or ask your program admin.</Body1>
        </Notice>
      );
    case 'ending':
      return <Body1 className={styles.muted}>Ending your series: the remaining sessions are being cancelled in Outlook. {booking.problem ? capitalised(booking.problem) : null}</Body1>;
    case 'ended':
      return <Body1 className={styles.muted}>Your sessions have ended. {booking.problem ? capitalised(booking.problem) : null}</Body1>;
  }
}

function Booked({ booking, partnerName }: { booking: BookingView; partnerName: string }) {
  const styles = useMatchSessionsStyles();
  const next = booking.nextSession;
  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.label}>Next session</dt>
        <dd className={styles.value}>
          {next ? (
            <>
              <time dateTime={next.start}>{sessionRange(next, viewerClock(booking))}</time> <span className={styles.soon}>({howSoon(next)})</span>
            </>
          ) : (
            'None left: the series is over.'
          )}
        </dd>
        {booking.when ? (
          <>
            <dt className={styles.label}>Series</dt>
            <dd className={styles.value}>{seriesText(booking)}</dd>
          </>
        ) : null}
      </dl>
      {booking.joinUrl && next ? (
        <Button as="a" appearance="primary" href={booking.joinUrl} target="_blank" rel="noopener noreferrer" aria-label={`Join on Teams with ${partnerName}`}>
          Join on Teams
        </Button>
      ) : null}
    </>
  );
}
