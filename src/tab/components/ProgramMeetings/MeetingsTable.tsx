import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
  type BadgeProps,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PersonSummary } from '../../../contracts/api.ts';
import type { BookingStatus, ProgramBookings } from '../../../contracts/matching.ts';
import type { SessionCounts } from '../../../contracts/sessions.ts';
import { BOOKING_STATUS_LABEL, capitalised, isOver, seriesText } from '../../bookingText.ts';
import { sessionRange, viewerClock } from '../../dates.ts';
import { firstName, subtitle } from '../../format.ts';
import { pairName } from '../PairList/PairList.tsx';
import { SessionProgress } from '../SessionProgress/SessionProgress.tsx';
import { useMeetingsTableStyles } from './MeetingsTable.styles.ts';

export type BookedPair = ProgramBookings['pairs'][number];

/**
 * Held vs planned, when the server sends it (`pairs[i].sessions`, being added to the bookings
 * contract); read through this one function so that the page works with and without it.
 */
const sessionCountsOf = (pair: BookedPair): SessionCounts => pair.sessions;

const BADGE_COLOR: Record<BookingStatus, BadgeProps['color']> = {
  finding: 'brand',
  choosing: 'brand',
  booking: 'brand',
  booked: 'success',
  unbookable: 'warning',
  ending: 'informative',
  ended: 'subtle',
};

/** "Ana & Raj": how the end dialog names a pair. */
const firstNames = (pair: BookedPair) => `${firstName(pair.mentor.displayName)} & ${firstName(pair.mentee.displayName)}`;

export interface MeetingsTableProps {
  pairs: BookedPair[];
  /** The mentee id of the pair being ended. */
  busyMenteeId: string | null;
  /** A failure shows above the table, not here. */
  onEnd: (pair: BookedPair) => Promise<void>;
}

/**
 * Each published pair's meeting series: state, when, what went wrong, and End pair. A flex table
 * (ARIA roles, not <table>) so that a narrow screen can wrap each row.
 */
export function MeetingsTable({ pairs, busyMenteeId, onEnd }: MeetingsTableProps) {
  const styles = useMeetingsTableStyles();
  return (
    <Table noNativeElements aria-label="Meetings of each pair">
      <TableHeader className={styles.header}>
        <TableRow>
          <TableHeaderCell className={styles.person}>Mentor</TableHeaderCell>
          <TableHeaderCell className={styles.person}>Mentee</TableHeaderCell>
          <TableHeaderCell className={styles.status}>Status</TableHeaderCell>
          <TableHeaderCell className={styles.sessions}>Sessions</TableHeaderCell>
          <TableHeaderCell className={styles.held}>Held</TableHeaderCell>
          <TableHeaderCell className={styles.actions}>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {pairs.map((pair) => {
          const busy = busyMenteeId === pair.mentee.id;
          return (
            <TableRow key={pair.mentee.id} className={styles.row} aria-busy={busy || undefined}>
              <TableCell className={mergeClasses(styles.cell, styles.person)}>
                <Person person={pair.mentor} role="Mentor" />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.person)}>
                <Person person={pair.mentee} role="Mentee" />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.status)}>
                <StatusCell pair={pair} />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.sessions)}>
                <SessionsCell pair={pair} />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.held)}>
                <HeldCell pair={pair} />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.actions)}>
                {isOver(pair.booking.status) ? null : <EndPair pair={pair} disabled={busy} onEnd={onEnd} />}
                {busy ? <Spinner size="extra-tiny" aria-label={`Ending ${pairName(pair)}`} /> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function Person({ person, role }: { person: PersonSummary; role: 'Mentor' | 'Mentee' }) {
  const styles = useMeetingsTableStyles();
  const sub = subtitle(person);
  return (
    <div className={styles.stack}>
      {/* The column header says it to screen readers; this says it on screens too narrow for headers. */}
      <Caption1 className={mergeClasses(styles.muted, styles.narrowOnly)} aria-hidden="true">
        {role}
      </Caption1>
      <Body1 className={styles.name}>{person.displayName}</Body1>
      {sub ? <Caption1 className={styles.muted}>{sub}</Caption1> : null}
    </div>
  );
}

function StatusCell({ pair }: { pair: BookedPair }) {
  const styles = useMeetingsTableStyles();
  const { status, problem } = pair.booking;
  return (
    <div className={styles.stack}>
      <Badge appearance="tint" color={BADGE_COLOR[status]}>
        {BOOKING_STATUS_LABEL[status]}
      </Badge>
      {problem ? <Caption1>{capitalised(problem)}</Caption1> : null}
    </div>
  );
}

function SessionsCell({ pair }: { pair: BookedPair }) {
  const styles = useMeetingsTableStyles();
  const { when, nextSession } = pair.booking;
  if (!when && !nextSession) return <Caption1 className={styles.muted}>{isOver(pair.booking.status) ? 'No more sessions' : 'None booked yet'}</Caption1>;
  return (
    <div className={styles.stack}>
      {when ? <Body1>{seriesText(pair.booking)}</Body1> : null}
      <Caption1 className={styles.muted}>
        {nextSession ? (
          <>
            Next: <time dateTime={nextSession.start}>{sessionRange(nextSession, viewerClock(pair.booking), { weekday: 'short' })}</time>
          </>
        ) : (
          'No sessions left'
        )}
      </Caption1>
    </div>
  );
}

function HeldCell({ pair }: { pair: BookedPair }) {
  const styles = useMeetingsTableStyles();
  const counts = sessionCountsOf(pair);
  if (counts.total === 0) return null;
  return (
    <div className={mergeClasses(styles.stack, styles.grow)}>
      <SessionProgress tally={counts} />
    </div>
  );
}

function EndPair({ pair, disabled, onEnd }: { pair: BookedPair; disabled: boolean; onEnd: MeetingsTableProps['onEnd'] }) {
  const [open, setOpen] = useState(false);
  // Close first: a Fluent dialog unmounted while open (its row loses the button once the pair
  // ends) leaves its portal covering the page. The row shows the wait.
  const end = () => {
    setOpen(false);
    void onEnd(pair);
  };
  // `when` is set exactly while a series stands in Outlook (booked, or stuck while moving it).
  const inOutlook = pair.booking.when !== null;
  return (
    <Dialog open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" disabled={disabled} aria-label={`End pair: ${pairName(pair)}`}>
          End pair
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>End {firstNames(pair)}&rsquo;s pair?</DialogTitle>
          <DialogContent>
            <Body1>
              {inOutlook ? 'Their remaining sessions are cancelled in Outlook.' : 'Flipside stops finding them a time; nothing is booked in Outlook yet.'} The card in their pair chat tells them. This
              cannot be undone.
            </Body1>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Keep the pair</Button>
            </DialogTrigger>
            <Button appearance="primary" onClick={end}>
              End pair
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
