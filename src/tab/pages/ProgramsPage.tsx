import { Body1 } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Enrollment, Program } from '../../contracts/programs.ts';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ProgramCard } from '../components/ProgramCard/ProgramCard.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { isLive } from '../programText.ts';
import type { ProgramsState } from '../usePrograms.ts';

const WINDOW_ORDER: Record<Program['enrollment'], number> = { open: 0, upcoming: 1, closed: 2 };

/** My enrollment in a program: the live one, or else the latest. */
export function myEnrollmentIn(programId: string, enrollments: Enrollment[]): Enrollment | undefined {
  const mine = enrollments.filter((e) => e.programId === programId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return mine.find(isLive) ?? mine[0];
}

/** `/programs`: programs open for enrollment (and those I am in), each with my status and Enroll. */
export function ProgramsPage({ api, programs }: { api: ApiClient; programs: ProgramsState }) {
  const { data } = programs;
  useAnnouncement(data.status === 'loading' ? 'Loading programs…' : data.status === 'failed' ? 'Could not load programs.' : 'Programs loaded.');
  useEffect(() => {
    document.title = 'Programs · Flipside';
  }, []);

  const header = <PageHeader title="Programs" lead="Reverse mentoring pairs colleagues across generations: each teaches what they know best. Enroll in a program while its enrollment is open." />;
  if (data.status === 'loading')
    return (
      <>
        {header}
        <Loading label="Loading programs…" />
      </>
    );
  if (data.status === 'failed')
    return (
      <>
        {header}
        <ErrorNotice title="Could not load programs" error={data.error} onRetry={programs.retry} />
      </>
    );

  const shown = data.programs
    .filter((p) => p.enrollment !== 'closed' || data.enrollments.some((e) => e.programId === p.id))
    .sort((a, b) => WINDOW_ORDER[a.enrollment] - WINDOW_ORDER[b.enrollment] || a.startsOn.localeCompare(b.startsOn));
  return (
    <>
      {header}
      {shown.length === 0 ? (
        <Notice intent="info" title="No programs yet">
          <Body1>No programs are open yet — your HR team will announce one.</Body1>
        </Notice>
      ) : (
        shown.map((program) => <ProgramCard key={program.id} program={program} enrollment={myEnrollmentIn(program.id, data.enrollments)} api={api} onChanged={programs.update} />)
      )}
    </>
  );
}
