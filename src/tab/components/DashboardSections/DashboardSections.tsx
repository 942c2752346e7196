/** The dashboard's tables: by department, by direction, pairs that need attention, and what is not collected yet. */
import { Body1, Caption1, Card, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import { DIRECTION_NAMES, figureText } from '../../dashboardText.ts';
import { useDashboardChartStyles } from '../DashboardCharts/DashboardCharts.styles.ts';

const pct = (n: number) => `${n.toLocaleString('en-GB')} %`;
const two = (n: number) => n.toFixed(2);

function Section({ title, lead, children }: { title: string; lead?: string; children: React.ReactNode }) {
  const styles = useDashboardChartStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {lead ? <Caption1 className={styles.muted}>{lead}</Caption1> : null}
      {children}
    </Card>
  );
}

export function DepartmentTable({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  return (
    <Section title="By department" lead={`Each person in their own department; departments with fewer than ${k} enrollees are counted together.`}>
      {d.byDepartment.length === 0 ? (
        <Body1>Nobody has enrolled yet.</Body1>
      ) : (
        <Table aria-label="By department" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Department</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Enrolled</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Matched</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Attendance</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Rating</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.byDepartment.map((g) => (
              <TableRow key={g.department ?? '(other)'}>
                <TableCell>{g.department ?? 'Smaller departments together'}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.enrolled, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.matched, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.attendanceRate, k, pct)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.meanRating, k, two)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function DirectionTable({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  return (
    <Section title="Taught up and taught back" lead="Sessions by their topic: what the junior mentor teaches, what the senior mentee shares, and the sessions they hold together.">
      <Table aria-label="Sessions by direction" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Direction</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>Planned</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>Held</TableHeaderCell>
            <TableHeaderCell className={styles.numeric}>Rating</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {d.byDirection.map((g) => (
            <TableRow key={g.direction}>
              <TableCell>{DIRECTION_NAMES[g.direction]}</TableCell>
              <TableCell className={styles.numeric}>{figureText(g.planned, k)}</TableCell>
              <TableCell className={styles.numeric}>{figureText(g.held, k)}</TableCell>
              <TableCell className={styles.numeric}>{figureText(g.meanRating, k, two)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

const REASONS: Record<Dashboard['attention'][number]['reasons'][number], string> = {
  unbookable: 'no common time found',
  notBooked: 'not booked a week after publishing',
  stalled: 'no session held in four weeks',
  missedTwice: 'missed the last two sessions',
};

export function AttentionList({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  return (
    <Section title="Pairs that need attention" lead="The one place with names: these pairs may need a word from you.">
      {d.attention.length === 0 ? (
        <Body1>Every pair is on track.</Body1>
      ) : (
        <ul aria-label="Pairs that need attention" style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {d.attention.map((a) => (
            <li key={a.mentee.id}>
              <Text weight="semibold">
                {a.mentor.name} and {a.mentee.name}
              </Text>
              <Caption1 className={styles.muted}>
                {' '}
                — {a.reasons.map((r) => REASONS[r]).join('; ')} ({a.held} of {a.due} sessions due held)
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function NotCollected({ d }: { d: Dashboard }) {
  const items = [
    { title: 'Skills before and after', section: d.skills },
    { title: 'Fit checks', section: d.fitChecks },
    { title: 'Closing survey', section: d.closingSurvey },
  ];
  return (
    <>
      {items.map((i) => (
        <Section key={i.title} title={i.title}>
          <Body1>{i.section.status === 'notCollected' ? 'Not collected yet.' : ''}</Body1>
          <Caption1>{i.section.note}</Caption1>
        </Section>
      ))}
    </>
  );
}
