import { Badge, Body1, Button, Card, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, mergeClasses } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { FullCohort } from '../components/FullCohort/FullCohort.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ProgramLifeActions } from '../components/ProgramLifeActions/ProgramLifeActions.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { dateRange, windowText } from '../programText.ts';
import { hrefFor, navigate } from '../router.ts';
import { useLoad } from '../useLoad.ts';
import { useStackedTableStyles } from '../components/stackedTable.styles.ts';
import { usePageStyles } from './pages.styles.ts';

/** `/admin`: every program with its window and how many are pending or approved; New, Edit, Archive and (while nobody enrolled) Delete. */
export function AdminPage({ api }: { api: ApiClient }) {
  const styles = usePageStyles();
  const stacked = useStackedTableStyles();
  const programs = useLoad(() => api.programs(), 'admin');
  const [done, setDone] = useState<string | null>(null);
  useAnnouncement(programs.status === 'loading' ? 'Loading programs…' : programs.status === 'failed' ? 'Could not load programs.' : (done ?? `${programs.data.length} programs.`));
  const changed = (message: string) => {
    setDone(message);
    programs.refresh();
  };
  useEffect(() => {
    document.title = 'Admin · Flipside';
  }, []);

  const newProgram = (
    <Button
      appearance="primary"
      as="a"
      href={hrefFor.newProgram()}
      onClick={(event) => {
        event.preventDefault();
        navigate(hrefFor.newProgram());
      }}
    >
      New program
    </Button>
  );
  const header = (
    <PageHeader title="Programs you run" lead="Create programs from the reverse-mentoring template, open enrollment, and follow approvals. Several programs can run at once." action={newProgram} />
  );
  if (programs.status === 'loading')
    return (
      <>
        {header}
        <Loading label="Loading programs…" />
      </>
    );
  if (programs.status === 'failed')
    return (
      <>
        {header}
        <ErrorNotice title="Could not load programs" error={programs.error} onRetry={programs.retry} />
      </>
    );
  const doneNotice = done ? <Notice intent="success" title={done} /> : null;
  if (programs.data.length === 0) {
    return (
      <>
        {header}
        {doneNotice}
        <FullCohort onDone={programs.refresh} />
        <Card className={styles.card}>
          <Body1>No programs yet. Start one from the reverse-mentoring template: twelve topics in both directions, six months from the next Monday, enrollment open from today.</Body1>
        </Card>
      </>
    );
  }
  const sorted = [...programs.data].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return (
    <>
      {header}
      {doneNotice}
      <FullCohort onDone={programs.refresh} />
      <Card className={styles.tableCard}>
        <Table aria-label="Programs" className={mergeClasses(styles.table, stacked.table)}>
          <TableHeader className={stacked.header}>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Dates</TableHeaderCell>
              <TableHeaderCell>Enrollment</TableHeaderCell>
              <TableHeaderCell>Pending</TableHeaderCell>
              <TableHeaderCell>Approved</TableHeaderCell>
              <TableHeaderCell>
                <span className={styles.muted}>Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody className={stacked.body}>
            {sorted.map((p) => (
              <TableRow key={p.id} className={stacked.row}>
                <TableCell className={stacked.cell}>
                  {p.name}
                  {p.archivedAt ? (
                    <>
                      {' '}
                      <Badge appearance="outline" color="informative">
                        Archived
                      </Badge>
                    </>
                  ) : null}
                </TableCell>
                <TableCell className={mergeClasses(styles.nowrap, stacked.cell)} data-label="Dates">
                  {dateRange(p.startsOn, p.endsOn)}
                </TableCell>
                <TableCell className={stacked.cell} data-label="Enrollment">
                  {p.archivedAt ? 'Closed: archived, hidden from employees' : windowText(p)}
                </TableCell>
                <TableCell className={mergeClasses(styles.numeric, stacked.cell)} data-label="Pending">
                  {p.counts?.pending ?? '–'}
                </TableCell>
                <TableCell className={mergeClasses(styles.numeric, stacked.cell)} data-label="Approved">
                  {p.counts?.approved ?? '–'}
                </TableCell>
                <TableCell className={stacked.cell}>
                  <Button
                    size="small"
                    as="a"
                    href={hrefFor.editProgram(p.id)}
                    aria-label={`Edit ${p.name}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(hrefFor.editProgram(p.id));
                    }}
                  >
                    Edit
                  </Button>{' '}
                  <Button
                    size="small"
                    as="a"
                    href={hrefFor.matching(p.id)}
                    aria-label={`Matching for ${p.name}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(hrefFor.matching(p.id));
                    }}
                  >
                    Matching
                  </Button>{' '}
                  <Button
                    size="small"
                    as="a"
                    href={hrefFor.audit(p.id)}
                    aria-label={`Audit log of ${p.name}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(hrefFor.audit(p.id));
                    }}
                  >
                    Audit log
                  </Button>{' '}
                  <Button
                    size="small"
                    as="a"
                    href={hrefFor.dashboard(p.id)}
                    aria-label={`Dashboard for ${p.name}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(hrefFor.dashboard(p.id));
                    }}
                  >
                    Dashboard
                  </Button>{' '}
                  <ProgramLifeActions program={p} api={api} onDone={changed} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
