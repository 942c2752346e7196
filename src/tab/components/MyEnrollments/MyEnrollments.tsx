import { Body1, Card, Link, Subtitle1 } from '@fluentui/react-components';
import type { ApiClient } from '../../api.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import type { ProgramsState } from '../../usePrograms.ts';
import { EnrollmentSummary } from '../EnrollmentSummary/EnrollmentSummary.tsx';
import { ErrorNotice, Loading } from '../Status/Status.tsx';
import { useMyEnrollmentsStyles } from './MyEnrollments.styles.ts';

/** The Me page's "My enrollments": every enrollment of mine, newest first, with Edit and Withdraw. */
export function MyEnrollments({ api, programs }: { api: ApiClient; programs: ProgramsState }) {
  const styles = useMyEnrollmentsStyles();
  const { data } = programs;
  const sorted = data.status === 'done' ? [...data.enrollments].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  return (
    <Card className={styles.root} aria-labelledby="my-enrollments-heading">
      <Subtitle1 as="h2" id="my-enrollments-heading" className={styles.title}>
        My enrollments
      </Subtitle1>
      {data.status === 'loading' ? <Loading label="Loading your enrollments…" /> : null}
      {data.status === 'failed' ? <ErrorNotice title="Could not load your enrollments" error={data.error} onRetry={programs.retry} /> : null}
      {data.status === 'done' && sorted.length === 0 ? (
        <Body1 className={styles.muted}>
          You have not enrolled in a program yet.{' '}
          <Link href={hrefFor.programs()} onClick={onLinkClick(hrefFor.programs())}>
            See the programs
          </Link>
        </Body1>
      ) : null}
      {sorted.length ? (
        <ul className={styles.list}>
          {sorted.map((e) => (
            <li key={e.id} className={styles.item}>
              <EnrollmentSummary
                enrollment={e}
                program={data.status === 'done' ? data.programs.find((p) => p.id === e.programId) : undefined}
                api={api}
                onChanged={programs.update}
                headingLevel="h3"
              />
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
