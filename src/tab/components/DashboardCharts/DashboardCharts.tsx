/**
 * The dashboard's charts (@fluentui/react-charts, Fluent UI v9): each in its own card with a
 * table of the same figures below it, which is also what screen readers and keyboard users read.
 * Hidden figures ("fewer than 5") are left out of a chart and named in its table.
 */
import { Body1, Caption1, Card, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { DataVizPalette, FunnelChart, GroupedVerticalBarChart, LineChart, VerticalBarChart, getColorFromToken } from '@fluentui/react-charts';
import { useId, type ReactNode } from 'react';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import { DROPOUT_NAMES, STAGE_NAMES, changeText, figureText, value, weekText } from '../../dashboardText.ts';
import { useDashboardChartStyles } from './DashboardCharts.styles.ts';

const color = (token: string) => getColorFromToken(token);

function ChartCard({ title, lead, summary, chart, table, empty }: { title: string; lead?: string; summary?: string | undefined; chart: ReactNode; table: ReactNode; empty?: string | undefined }) {
  const styles = useDashboardChartStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {lead ? <Caption1 className={styles.muted}>{lead}</Caption1> : null}
      {summary ? <Body1>{summary}</Body1> : null}
      {empty ? (
        <Body1>{empty}</Body1>
      ) : (
        <>
          {/* The table below says the same, for screen readers and keyboards: the drawing is only a picture of it. */}
          <div className={styles.chart} inert>
            {chart}
          </div>
          {table}
        </>
      )}
    </Card>
  );
}

export function FunnelCard({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const palette = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3, DataVizPalette.color4, DataVizPalette.color5, DataVizPalette.color6];
  // Hidden stages and empty ones are left out of the drawing (an empty last stage would be a point without a label).
  const shown = d.funnel.filter((s) => !s.people.hidden && s.people.value > 0);
  return (
    <ChartCard
      title="From enrollment to completion"
      lead={`People at each stage, and where the others stopped. Figures about fewer than ${k} people show as "fewer than ${k}".`}
      empty={shown.length === 0 ? `Too few people yet: the funnel shows once its figures are about ${k} people or more.` : undefined}
      chart={<FunnelChart data={shown.map((s, i) => ({ stage: STAGE_NAMES[s.stage], value: value(s.people)!, color: color(palette[i]!) }))} chartTitle="Enrollment funnel" height={260} hideLegend />}
      table={
        <Table aria-label="Enrollment funnel" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Stage</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>People</TableHeaderCell>
              <TableHeaderCell>Stopped here</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.funnel.map((s) => (
              <TableRow key={s.stage}>
                <TableCell>{STAGE_NAMES[s.stage]}</TableCell>
                <TableCell className={styles.numeric}>{figureText(s.people, k)}</TableCell>
                <TableCell>
                  {s.stopped
                    .filter((x) => x.people.hidden || x.people.value > 0)
                    .map((x) => `${figureText(x.people, k)} ${DROPOUT_NAMES[x.reason]}`)
                    .join(', ') || '–'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

export function SessionsCard({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const weeks = d.sessions.weeks;
  const planned = color(DataVizPalette.color1);
  const held = color(DataVizPalette.color2);
  return (
    <ChartCard
      title="Sessions held against planned, week by week"
      lead="Each week's sessions by their planned start (Mondays, UTC)."
      empty={weeks.length === 0 ? 'No sessions yet: they appear once pairs have booked their series.' : undefined}
      chart={
        <GroupedVerticalBarChart
          chartTitle="Sessions held against planned"
          data={weeks.map((w) => ({
            name: weekText(w.week),
            series: [
              { key: 'planned', legend: 'Planned', data: value(w.planned) ?? 0, color: planned },
              { key: 'held', legend: 'Held', data: value(w.held) ?? 0, color: held },
            ],
          }))}
          height={260}
          barWidth="auto"
          yAxisTitle="Sessions"
        />
      }
      table={
        <Table aria-label="Sessions held against planned, by week" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Week of</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Planned</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Held</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {weeks.map((w) => (
              <TableRow key={w.week}>
                <TableCell>{weekText(w.week)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(w.planned, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(w.held, k)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

export function RatingsCard({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const answered = d.ratings.distribution.some((r) => r.answers.hidden || r.answers.value > 0);
  return (
    <ChartCard
      title="How useful sessions were"
      lead={`Answers to "How useful was this session?" from 1 (not at all) to 5 (very). Average: ${figureText(d.ratings.mean, k, (n) => n.toFixed(2), 'no answers yet')}.`}
      empty={answered ? undefined : 'No ratings yet: they come from the feedback cards sent after each session.'}
      chart={
        <VerticalBarChart
          chartTitle="Rating distribution"
          data={d.ratings.distribution.map((r) => ({ x: String(r.rating), y: value(r.answers) ?? 0, legend: `Rated ${r.rating}`, color: color(DataVizPalette.color3) }))}
          height={220}
          hideLegend
          yAxisTitle="Answers"
          xAxisTitle="Rating"
        />
      }
      table={
        <Table aria-label="Rating distribution" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Rating</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Answers</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.ratings.distribution.map((r) => (
              <TableRow key={r.rating}>
                <TableCell>{r.rating}</TableCell>
                <TableCell className={styles.numeric}>{figureText(r.answers, k)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

export function RatingTrendCard({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const points = d.ratings.trend.filter((w) => !w.mean.hidden);
  return (
    <ChartCard
      title="Usefulness week by week"
      lead="The average rating of each week's sessions."
      empty={points.length === 0 ? `No week has ratings from ${k} people or more yet.` : undefined}
      chart={
        <LineChart
          data={{
            chartTitle: 'Average rating by week',
            lineChartData: [
              {
                legend: 'Average rating',
                color: color(DataVizPalette.color4),
                data: points.map((w) => ({ x: new Date(`${w.week}T00:00:00Z`), y: value(w.mean)! })),
              },
            ],
          }}
          height={220}
          yMinValue={1}
          yMaxValue={5}
          hideLegend
          useUTC
          tickValues={points.map((w) => new Date(`${w.week}T00:00:00Z`))}
          customDateTimeFormatter={(date) => weekText(date.toISOString().slice(0, 10))}
        />
      }
      table={
        <Table aria-label="Average rating by week" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Week of</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Average</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.ratings.trend.map((w) => (
              <TableRow key={w.week}>
                <TableCell>{weekText(w.week)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(w.mean, k, (n) => n.toFixed(2))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

/**
 * Skills before and after, per topic: the program's outcome, so the dashboard shows it first. Each
 * person rates the topics they chose to learn at enrollment and again in the closing survey.
 */
export function SkillsCard({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const s = d.skills;
  const drawn = s.topics.filter((t) => t.before !== null && !t.before.hidden && t.after !== null && !t.after.hidden);
  const before = color(DataVizPalette.color5);
  const after = color(DataVizPalette.color2);
  const two = (n: number) => n.toFixed(2);
  const nobody = s.rated.hidden === false && s.rated.value === 0;
  const waiting = `${figureText(s.waiting, k)} ${!s.waiting.hidden && s.waiting.value === 1 ? 'person' : 'people'} still to rate at the end`;
  return (
    <ChartCard
      title="Skills before and after"
      lead="Each person rates the topics they chose to learn, from 1 (new to it) to 5 (could teach it), when they enroll and again in the closing survey at the end of their pair. Only people who rated a topic both times count."
      summary={nobody ? undefined : `Average change: ${figureText(s.change, k, changeText)} points, over ${figureText(s.rated, k)} ratings of a topic before and after; ${waiting}.`}
      empty={
        s.topics.length === 0
          ? 'No skills rated yet: people rate the topics they want to learn when they enroll.'
          : nobody
            ? `None yet: the change shows once people have answered the closing survey (${waiting}).`
            : undefined
      }
      chart={
        drawn.length === 0 ? (
          <Body1>{`No topic has ratings from ${k} people or more yet.`}</Body1>
        ) : (
          <GroupedVerticalBarChart
            chartTitle="Skills before and after, by topic"
            data={drawn.map((t) => ({
              name: t.topic,
              series: [
                { key: 'before', legend: 'Before', data: value(t.before) ?? 0, color: before },
                { key: 'after', legend: 'After', data: value(t.after) ?? 0, color: after },
              ],
            }))}
            height={240}
            barWidth="auto"
            yAxisTitle="Self-rating (1–5)"
            yMaxValue={5}
            yAxisTickCount={5}
          />
        )
      }
      table={
        <Table aria-label="Skills before and after, by topic" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Topic</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>People</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Before</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>After</TableHeaderCell>
              <TableHeaderCell className={styles.numeric}>Change</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {s.topics.map((t) => (
              <TableRow key={t.topicId}>
                <TableCell>{t.topic}</TableCell>
                <TableCell className={styles.numeric}>{figureText(t.people, k)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(t.before, k, two)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(t.after, k, two)}</TableCell>
                <TableCell className={styles.numeric}>{figureText(t.change, k, changeText)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

/** The headline figures: attendance, sessions per pair, held and planned. */
export function SessionFigures({ d }: { d: Dashboard }) {
  const styles = useDashboardChartStyles();
  const k = d.minGroup;
  const items = [
    d.sessions.attendanceRate === null
      ? { label: 'Attendance', text: 'None due yet', hint: 'it shows once the first sessions have ended', empty: true }
      : { label: 'Attendance', text: figureText(d.sessions.attendanceRate, k, (n) => `${n.toLocaleString('en-GB')} %`), hint: 'of sessions due were held' },
    d.sessions.perPair === null
      ? { label: 'Sessions per pair', text: 'No pair booked yet', hint: 'it shows once pairs have booked their series', empty: true }
      : { label: 'Sessions per pair', text: figureText(d.sessions.perPair, k, (n) => n.toLocaleString('en-GB')), hint: 'held, per booked pair' },
    { label: 'Sessions held', text: figureText(d.sessions.held, k), hint: `of ${figureText(d.sessions.planned, k)} planned` },
    { label: 'Enrolled', text: figureText(d.enrolled, k), hint: 'people' },
  ];
  return (
    <Card className={styles.card}>
      <dl className={styles.figures}>
        {items.map((i) => (
          <div key={i.label} className={styles.figure}>
            <dt>
              <Caption1>{i.label}</Caption1>
            </dt>
            <dd style={{ margin: 0 }}>
              <span className={'empty' in i ? styles.none : styles.big}>{i.text}</span> <Caption1 className={styles.muted}>{i.hint}</Caption1>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
