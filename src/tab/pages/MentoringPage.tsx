import { Body1, Card, Link } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { MyMentoring } from '../../contracts/sessions.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { MentoringPair } from '../components/MentoringPair/MentoringPair.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { PauseControls } from '../components/PauseControls/PauseControls.tsx';
import type { ApiClient } from '../api.ts';
import { ErrorNotice, Loading } from '../components/Status/Status.tsx';
import { firstName } from '../format.ts';
import { hrefFor, onLinkClick } from '../router.ts';
import type { Load } from '../useLoad.ts';
import { usePageStyles } from './pages.styles.ts';

const TITLE = 'My mentoring';

function summary(data: MyMentoring): string {
  if (data.pairs.length === 0) return 'You are not in a pair yet.';
  return data.pairs
    .map((p) => `${p.programName}: with ${p.partner.displayName}, ${p.counts.held} of ${p.counts.total} sessions held${p.next ? `, next ${p.next.when}` : ', no session booked'}.`)
    .join(' ');
}

/** `/mentoring`: a participant's pairs, one section each; loaded by the shell, which also decides the nav tab. */
export function MentoringPage({ mentoring, api }: { mentoring: Load<MyMentoring> & { retry: () => void }; api?: ApiClient }) {
  const styles = usePageStyles();
  useAnnouncement(mentoring.status === 'loading' ? 'Loading your mentoring…' : mentoring.status === 'failed' ? 'Could not load your mentoring.' : `My mentoring. ${summary(mentoring.data)}`);
  useEffect(() => {
    document.title = `${TITLE} · Flipside`;
    return () => {
      document.title = 'Flipside';
    };
  }, []);

  const lead =
    mentoring.status === 'done' && mentoring.data.pairs.length === 1
      ? `Your sessions, action items and goals with ${firstName(mentoring.data.pairs[0]!.partner.displayName)}.`
      : 'Your partner, sessions, action items and goals.';
  return (
    <>
      <PageHeader title={TITLE} lead={lead} />
      {mentoring.status === 'loading' ? (
        <Loading label="Loading your mentoring…" />
      ) : mentoring.status === 'failed' ? (
        <ErrorNotice title="Could not load your mentoring" error={mentoring.error} onRetry={mentoring.retry} />
      ) : mentoring.data.pairs.length === 0 ? (
        <Card className={styles.card}>
          <Body1>
            You&rsquo;re not in a pair yet — once HR publishes matching for your program, your partner, why you were paired, your sessions and your goals show here. Until then, see{' '}
            <Link href={hrefFor.programs()} onClick={onLinkClick(hrefFor.programs())}>
              your programs and enrollments
            </Link>
            .
          </Body1>
        </Card>
      ) : (
        <>
          {mentoring.data.pairs.map((pair) => (
            <MentoringPair key={`${pair.programId}:${pair.partner.id}`} pair={pair} />
          ))}
          {api ? <PauseControls api={api} /> : null}
        </>
      )}
    </>
  );
}
