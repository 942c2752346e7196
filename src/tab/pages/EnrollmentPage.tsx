import { Card } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { EnrollmentSummary, statusLine } from '../components/EnrollmentSummary/EnrollmentSummary.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { dateRange } from '../programText.ts';
import { hrefFor } from '../router.ts';
import type { ProgramsState } from '../usePrograms.ts';
import { usePageStyles } from './pages.styles.ts';

/** `/enrollments/:id`: one of my enrollments, with its status kept up to date. */
export function EnrollmentPage({ api, programs, id }: { api: ApiClient; programs: ProgramsState; id: string }) {
  const styles = usePageStyles();
  const { data } = programs;
  const enrollment = data.status === 'done' ? data.enrollments.find((e) => e.id === id) : undefined;
  const program = data.status === 'done' && enrollment ? data.programs.find((p) => p.id === enrollment.programId) : undefined;
  useAnnouncement(data.status === 'loading' ? 'Loading your enrollment…' : enrollment ? `Your enrollment: ${statusLine(enrollment)}.` : '');
  useEffect(() => {
    document.title = `${program ? `My enrollment: ${program.name}` : 'My enrollment'} · Flipside`;
  }, [program]);

  const back = { href: hrefFor.programs(), label: 'Programs' };
  if (data.status === 'loading') return <Loading label="Loading your enrollment…" />;
  if (data.status === 'failed') return <ErrorNotice title="Could not load your enrollment" error={data.error} onRetry={programs.retry} />;
  if (!enrollment) {
    return (
      <>
        <PageHeader title="Enrollment not found" back={back} />
        <Notice intent="warning" title="Nothing to show here">
          This address does not lead to an enrollment of yours.
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title="My enrollment" lead={program ? `${program.name} · ${dateRange(program.startsOn, program.endsOn)}` : undefined} back={back} />
      <Card className={styles.card}>
        <EnrollmentSummary enrollment={enrollment} program={program} api={api} onChanged={programs.update} />
      </Card>
    </>
  );
}
