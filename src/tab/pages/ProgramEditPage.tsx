import { useEffect } from 'react';
import type { Program, ProgramInput } from '../../contracts/programs.ts';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { Invitations } from '../components/Invitations/Invitations.tsx';
import { ProgramForm } from '../components/ProgramForm/ProgramForm.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { hrefFor, navigate } from '../router.ts';
import { useLoad } from '../useLoad.ts';
import { hrApi } from '../hrApi.ts';

type Loaded = { program: Program | undefined; initial: ProgramInput | undefined };

function inputOf(p: Program): ProgramInput {
  const { id: _id, enrollment: _e, counts: _c, archivedAt: _a, ...input } = p;
  return { ...input, sessionMinutes: input.sessionMinutes as ProgramInput['sessionMinutes'] };
}

/** `/admin/programs/new` (pre-filled from the template) and `/admin/programs/:id/edit`. */
export function ProgramEditPage({ api, id }: { api: ApiClient; id: string | undefined }) {
  const loaded = useLoad<Loaded>(async () => {
    if (!id) return { program: undefined, initial: await hrApi(api).programTemplate() };
    const program = (await api.programs()).find((p) => p.id === id);
    return { program, initial: program ? inputOf(program) : undefined };
  }, id ?? 'new');
  const title = id ? (loaded.status === 'done' && loaded.data.program ? `Edit ${loaded.data.program.name}` : 'Edit program') : 'New program';
  useAnnouncement(loaded.status === 'loading' ? 'Loading…' : loaded.status === 'failed' ? 'Could not load the program.' : `${title}.`);
  useEffect(() => {
    document.title = `${title} · Flipside`;
  }, [title]);

  const back = { href: hrefFor.admin(), label: 'Programs you run' };
  const lead = id
    ? 'Topics that people chose cannot be removed. Changes to dates, session length or cadence also update the booked meeting series: you see which before saving.'
    : 'Pre-filled from the reverse-mentoring template: adjust what you need.';
  if (loaded.status === 'loading')
    return (
      <>
        <PageHeader title={title} back={back} />
        <Loading label="Loading…" />
      </>
    );
  if (loaded.status === 'failed')
    return (
      <>
        <PageHeader title={title} back={back} />
        <ErrorNotice title="Could not load the program" error={loaded.error} onRetry={loaded.retry} />
      </>
    );
  if (!loaded.data.initial)
    return (
      <>
        <PageHeader title="Program not found" back={back} />
        <Notice intent="warning" title="Nothing to edit">
          This program does not exist any more.
        </Notice>
      </>
    );
  return (
    <>
      <PageHeader title={title} lead={lead} back={back} />
      {loaded.data.program ? <Invitations api={api} programId={loaded.data.program.id} programName={loaded.data.program.name} open={loaded.data.program.enrollment === 'open'} /> : null}
      <ProgramForm program={loaded.data.program} initial={loaded.data.initial} api={api} onSaved={() => navigate(hrefFor.admin())} />
    </>
  );
}
