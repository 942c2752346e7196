/**
 * `/admin/programs/:id/dashboard`: a program's dashboard for its admins — the funnel, sessions
 * held against planned, ratings, the breakdowns, pairs to look at, the enrollee list and CSV
 * exports. Loaded on its own (React.lazy): the chart library comes with it.
 */
import { Body1, Button, Caption1, Card, Field, SpinButton, Subtitle1 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { FunnelCard, RatingTrendCard, RatingsCard, SessionFigures, SessionsCard, SkillsCard } from '../components/DashboardCharts/DashboardCharts.tsx';
import { useDashboardChartStyles } from '../components/DashboardCharts/DashboardCharts.styles.ts';
import { DashboardEnrollees } from '../components/DashboardEnrollees/DashboardEnrollees.tsx';
import { AttentionList, ClosingSurvey, DepartmentTable, DirectionTable, FitChecks } from '../components/DashboardSections/DashboardSections.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { hrefFor } from '../router.ts';
import { useLoad } from '../useLoad.ts';
import { hrApi } from '../hrApi.ts';

type ExportKind = 'enrollees' | 'pairs' | 'sessions' | 'dashboard';
const EXPORTS: Array<{ kind: ExportKind; label: string }> = [
  { kind: 'dashboard', label: 'Dashboard figures' },
  { kind: 'enrollees', label: 'Enrollees' },
  { kind: 'pairs', label: 'Pairs' },
  { kind: 'sessions', label: 'Sessions' },
];

function Exports({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = useDashboardChartStyles();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useAnnouncement(done);
  const download = async (kind: ExportKind, label: string) => {
    setBusy(kind);
    setFailure(null);
    try {
      const { blob, filename } = await hrApi(api).downloadCsv(programId, kind);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(`${label} downloaded as ${filename}.`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card className={styles.card} role="region" aria-label="Download as CSV">
      <Subtitle1 as="h2">Download as CSV</Subtitle1>
      <Caption1 className={styles.muted}>For your own reporting: ISO dates, plain numbers; the dashboard figures keep the privacy rule.</Caption1>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px' }}>
        {EXPORTS.map((e) => (
          <Button key={e.kind} disabled={busy !== null} onClick={() => void download(e.kind, e.label)}>
            {busy === e.kind ? 'Preparing…' : `${e.label} (CSV)`}
          </Button>
        ))}
      </div>
      {failure ? <ErrorNotice title="The download failed" error={failure} /> : null}
    </Card>
  );
}

function MinGroup({ api, programId, value, onSaved }: { api: ApiClient; programId: string; value: number; onSaved: () => void }) {
  const [k, setK] = useState(value);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setK(value), [value]);
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await hrApi(api).setMinGroup(programId, k);
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end' }}>
      <Field label="Smallest group shown (5 or more)" validationMessage={k < 5 ? 'Figures are never shown about fewer than 5 people.' : undefined}>
        <SpinButton value={k} min={5} max={1000} onChange={(_e, data) => setK(Math.max(5, Math.floor(Number(data.value ?? data.displayValue ?? 5)) || 5))} />
      </Field>
      <Button onClick={() => void save()} disabled={saving || k === value}>
        {saving ? 'Saving…' : 'Save'}
      </Button>
      {failure ? <ErrorNotice title="Not saved" error={failure} /> : null}
    </div>
  );
}

export default function DashboardPage({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = useDashboardChartStyles();
  const dashboard = useLoad(() => hrApi(api).dashboard(programId), `dashboard:${programId}`);
  useAnnouncement(dashboard.status === 'loading' ? 'Loading the dashboard…' : dashboard.status === 'failed' ? 'Could not load the dashboard.' : 'Dashboard loaded.');
  const name = dashboard.status === 'done' ? dashboard.data.programName : 'Program';
  useEffect(() => {
    document.title = `Dashboard · ${name} · Flipside`;
  }, [name]);
  const header = (
    <PageHeader
      title={`Dashboard · ${name}`}
      lead="How the program is going: skills gained, enrollment, sessions held, how useful they are. Aggregates only, never a group small enough to point at a person."
      back={{ href: hrefFor.admin(), label: 'Programs you run' }}
    />
  );
  if (dashboard.status === 'loading')
    return (
      <>
        {header}
        <Loading label="Loading the dashboard…" />
      </>
    );
  if (dashboard.status === 'failed')
    return (
      <>
        {header}
        <ErrorNotice title="Could not load the dashboard" error={dashboard.error} onRetry={dashboard.retry} />
      </>
    );
  const d = dashboard.data;
  return (
    <>
      {header}
      <div style={{ display: 'flex', flexDirection: 'column', gap: '16px' }}>
        <Notice intent="info" title={`Figures about fewer than ${d.minGroup} people show as "fewer than ${d.minGroup}"`}>
          <Body1>A second figure from which such a one could be worked out with the totals shows as &quot;not shown&quot;. Free text people write stays theirs: it is never shown here.</Body1>
          <MinGroup api={api} programId={programId} value={d.minGroup} onSaved={dashboard.refresh} />
        </Notice>
        <SkillsCard d={d} />
        <SessionFigures d={d} />
        <section aria-label="Charts" className={styles.grid}>
          <FunnelCard d={d} />
          <SessionsCard d={d} />
          <RatingsCard d={d} />
          <RatingTrendCard d={d} />
        </section>
        <section aria-label="Breakdowns" className={styles.grid}>
          <DepartmentTable d={d} />
          <DirectionTable d={d} />
          <AttentionList d={d} />
          <FitChecks d={d} />
          <ClosingSurvey d={d} />
        </section>
        <Exports api={api} programId={programId} />
        <DashboardEnrollees api={api} programId={programId} />
      </div>
    </>
  );
}
