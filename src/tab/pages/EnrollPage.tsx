import { useEffect } from 'react';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { EnrollmentForm } from '../components/EnrollmentForm/EnrollmentForm.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { dateRange, isLive, windowText } from '../programText.ts';
import { hrefFor, navigate } from '../router.ts';
import type { ProgramsState } from '../usePrograms.ts';

export type EnrollTarget = { kind: 'new'; programId: string } | { kind: 'edit'; enrollmentId: string };

/** `/programs/:id/enroll` and `/enrollments/:id/edit`: the enrollment form for one program. */
export function EnrollPage({ api, programs, target }: { api: ApiClient; programs: ProgramsState; target: EnrollTarget }) {
  const { data } = programs;
  const enrollment = data.status === 'done' && target.kind === 'edit' ? data.enrollments.find((e) => e.id === target.enrollmentId) : undefined;
  const programId = target.kind === 'new' ? target.programId : enrollment?.programId;
  const program = data.status === 'done' ? data.programs.find((p) => p.id === programId) : undefined;
  const live = data.status === 'done' && target.kind === 'new' ? data.enrollments.find((e) => e.programId === programId && isLive(e)) : undefined;

  useAnnouncement(data.status === 'loading' ? 'Loading the program…' : program ? `${target.kind === 'edit' ? 'Edit your enrollment in' : 'Enroll in'} ${program.name}.` : '');
  useEffect(() => {
    document.title = `${program ? `${target.kind === 'edit' ? 'Edit enrollment' : 'Enroll'}: ${program.name}` : 'Enroll'} · Flipside`;
  }, [program, target.kind]);

  const back = { href: hrefFor.programs(), label: 'Programs' };
  if (data.status === 'loading') return <Loading label="Loading the program…" />;
  if (data.status === 'failed') return <ErrorNotice title="Could not load the program" error={data.error} onRetry={programs.retry} />;
  if (!program || (target.kind === 'edit' && !enrollment)) {
    return (
      <>
        <PageHeader title={target.kind === 'edit' ? 'Enrollment not found' : 'Program not found'} back={back} />
        <Notice intent="warning" title="Nothing to show here">
          This address does not lead to a program or enrollment of yours. It may have been removed.
        </Notice>
      </>
    );
  }
  const title = target.kind === 'edit' ? `Edit your enrollment in ${program.name}` : `Enroll in ${program.name}`;
  const lead = `${dateRange(program.startsOn, program.endsOn)} · ${windowText(program)}`;
  if (enrollment && enrollment.status !== 'pending') {
    return (
      <>
        <PageHeader title={title} lead={lead} back={back} />
        <Notice intent="info" title="This enrollment can no longer be edited">
          Only an enrollment waiting for approval can be edited.
        </Notice>
      </>
    );
  }
  if (live) {
    return (
      <>
        <PageHeader title={title} lead={lead} back={back} />
        <Notice intent="info" title="You are already enrolled" action={{ label: 'View my enrollment', onClick: () => navigate(hrefFor.enrollment(live.id)) }}>
          You have an enrollment in {program.name} already: open it to edit or withdraw it.
        </Notice>
      </>
    );
  }
  if (target.kind === 'new' && program.enrollment !== 'open') {
    return (
      <>
        <PageHeader title={title} lead={lead} back={back} />
        <Notice intent="info" title="Enrollment is not open">
          {windowText(program)}.
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} lead={lead} back={back} />
      <EnrollmentForm
        program={program}
        enrollment={enrollment}
        api={api}
        onSaved={(saved) => {
          programs.update(saved);
          navigate(hrefFor.enrollment(saved.id));
        }}
      />
    </>
  );
}
