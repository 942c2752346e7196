import { Body1, Card, Spinner, Subtitle1 } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ProgramBookings } from '../../../contracts/matching.ts';
import { ApiRequestError, type ApiClient } from '../../api.ts';
import { firstName } from '../../format.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice, Loading } from '../Status/Status.tsx';
import { MeetingCounts } from './MeetingCounts.tsx';
import { MeetingsTable, type BookedPair } from './MeetingsTable.tsx';
import { useProgramBookings } from './useProgramBookings.ts';
import { useProgramMeetingsStyles } from './ProgramMeetings.styles.ts';
import { hrApi } from '../../hrApi.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "9 of 12 pairs have their sessions booked." */
function headline({ counts }: ProgramBookings): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const booked = counts.booked ?? 0;
  return `${booked.toLocaleString()} of ${plural(total, 'pair')} ${booked === 1 ? 'has its' : 'have their'} sessions booked.`;
}

export interface ProgramMeetingsProps {
  api: ApiClient;
  programId: string;
}

/** HR's "Meetings" once matching is published: where each pair's series stands, and End pair. */
export function ProgramMeetings({ api, programId }: ProgramMeetingsProps) {
  const styles = useProgramMeetingsStyles();
  const headingId = useId();
  const { loaded, data, replace, watching, pollFailure, refresh } = useProgramBookings(api, programId);
  const [busyMenteeId, setBusyMenteeId] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [said, setSaid] = useState('');
  useAnnouncement(said || (data && data.pairs.length ? `Meetings: ${headline(data)}` : ''));

  const end = async (pair: BookedPair) => {
    const names = `${firstName(pair.mentor.displayName)} and ${firstName(pair.mentee.displayName)}`;
    setFailure(null);
    setBusyMenteeId(pair.mentee.id);
    try {
      replace(await hrApi(api).endPair(programId, pair.mentee.id));
      setSaid(`Ended ${names}'s pair.`);
    } catch (error: unknown) {
      const title = `Could not end ${names}'s pair`;
      setFailure({ title, error });
      setSaid(`${title}. ${error instanceof ApiRequestError ? error.message : ''}`.trim());
    } finally {
      setBusyMenteeId(null);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId} className={styles.heading}>
        Meetings
      </Subtitle1>
      {data === null ? (
        loaded.status === 'failed' ? (
          <ErrorNotice title="Could not load the meetings" error={loaded.error} onRetry={loaded.retry} />
        ) : (
          <Card className={styles.card}>
            <Loading label="Loading meetings…" />
          </Card>
        )
      ) : data.pairs.length === 0 ? (
        <Card className={styles.card}>
          <Body1>Flipside starts finding times as soon as pairs are published: each pair gets the best times for both calendars in their pair chat in Teams.</Body1>
        </Card>
      ) : (
        <>
          <Card className={styles.summary} aria-label="Meetings at a glance">
            <div className={styles.top}>
              <Body1>{headline(data)}</Body1>
              {watching ? <Spinner size="extra-tiny" label="Updating as Flipside works" labelPosition="after" className={styles.watching} /> : null}
            </div>
            <MeetingCounts counts={data.counts} />
          </Card>
          {pollFailure ? <ErrorNotice title="Could not refresh the meetings" error={pollFailure} onRetry={refresh} /> : null}
          {failure ? <ErrorNotice title={failure.title} error={failure.error} /> : null}
          <Card className={styles.tableCard}>
            <MeetingsTable pairs={data.pairs} busyMenteeId={busyMenteeId} onEnd={end} />
          </Card>
        </>
      )}
    </section>
  );
}
