/** The dashboard's tables: by department, by direction, pairs that need attention, fit checks and the closing survey. */
import { Body1, Caption1, Card, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import { DIRECTION_NAMES, FIT_ANSWER_NAMES, figureText } from '../../dashboardText.ts';
import { useDashboardChartStyles } from '../DashboardCharts/DashboardCharts.styles.ts';

const pct = (n: number) => `${n.toLocaleString('en-GB')} %`;
/** Soft hyphens where a word may break in a narrow column ("Depart-ment"), rather than anywhere. */
const SHY = (text: string) => text.replace(/-/g, '\u00AD');
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
              <TableHeaderCell className={styles.label}>{SHY('Depart-ment')}</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Enrolled</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Matched</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>{SHY('Attend-ance')}</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Rating</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.byDepartment.map((g) => (
              <TableRow key={g.department ?? '(other)'}>
                <TableCell>{g.department ?? SHY('Smaller depart-ments together')}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.enrolled, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.matched, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.attendanceRate, k, pct, 'none due yet')}</TableCell>
                <TableCell className={styles.numeric}>{figureText(g.meanRating, k, two, 'no ratings yet')}</TableCell>
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
            <TableHeaderCell className={styles.label}>Direction</TableHeaderCell>
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
              <TableCell className={styles.numeric}>{figureText(g.meanRating, k, two, 'no ratings yet')}</TableCell>
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
  fitCheckNo: 'a "no" at the fit check, waiting for your decision',
  askedForHr: 'the junior mentor asked you to get in touch',
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

export function FitChecks({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const f = d.fitChecks;
  const none = !f.asked.hidden && f.asked.value === 0;
  return (
    <Section
      title="Fit checks"
      lead={`"Is this pairing working for you?", asked of each person early in their pair${none ? '' : ` (${figureText(f.asked, k)} asked)`}. Their notes are never shown here.`}
    >
      {none ? (
        <Body1>None yet: each person is asked after their first sessions.</Body1>
      ) : (
        <Table aria-label="Fit-check answers" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Answer</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>People</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {f.answers.map((a) => (
              <TableRow key={a.answer}>
                <TableCell>{FIT_ANSWER_NAMES[a.answer]}</TableCell>
                <TableCell className={styles.numeric}>{figureText(a.people, k)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

export function ClosingSurvey({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const c = d.closingSurvey;
  const none = !c.sent.hidden && c.sent.value === 0;
  return (
    <Section
      title="Closing survey"
      lead={`Sent to each person when their pair's last session has ended${none ? '' : `: ${figureText(c.answered, k)} answered of ${figureText(c.sent, k)}`}. What changed for them stays theirs.`}
    >
      {none ? (
        <Body1>None yet: the survey goes out when a pair&apos;s last session has ended.</Body1>
      ) : (
        <>
          <Table aria-label="Closing survey" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Question</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Yes</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>No</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableCell>Would recommend it</TableCell>
                <TableCell className={styles.numeric}>{figureText(c.recommend.yes, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(c.recommend.no, k)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Mean to keep meeting</TableCell>
                <TableCell className={styles.numeric}>{figureText(c.keepMeeting.yes, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(c.keepMeeting.no, k)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Table aria-label="Overall value of the program" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Overall value (1–5)</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Answers</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {c.overall.map((r) => (
                <TableRow key={r.rating}>
                  <TableCell>{r.rating}</TableCell>
                  <TableCell className={styles.numeric}>{figureText(r.answers, k)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell>Average</TableCell>
                <TableCell className={styles.numeric}>{figureText(c.meanOverall, k, two, 'no answers yet')}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </>
      )}
    </Section>
  );
}
