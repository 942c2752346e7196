/**
 * HR's enrollee list: who enrolled, as what, where their approval stands and with whom, reminders
 * sent, matched or waiting. Search, filter and sort happen here (the list is the program's); a
 * pending request's approver can be reminded (once a day). A list, not a wide table, so that it
 * reads at 400 px too.
 */
import { Body1, Button, Caption1, Card, Dropdown, Field, Option, SearchBox, Subtitle2, Text } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { Enrollee } from '../../../contracts/dashboard.ts';
import type { ApiClient } from '../../api.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice, Loading } from '../Status/Status.tsx';
import { useLoad } from '../../useLoad.ts';
import { useDashboardEnrolleesStyles } from './DashboardEnrollees.styles.ts';
import { hrApi } from '../../hrApi.ts';

const STATUS_TEXT: Record<Enrollee['status'], string> = { pending: 'Waiting for approval', approved: 'Approved', declined: 'Declined', expired: 'Expired', withdrawn: 'Withdrew' };
const ROLE_TEXT: Record<Enrollee['role'], string> = { mentor: 'Mentor', mentee: 'Mentee', both: 'Mentor and mentee' };

type Filter = 'all' | 'pending' | 'approved' | 'waiting' | 'matched' | 'stopped';
const FILTERS: Record<Filter, string> = {
  all: 'Everyone',
  pending: 'Waiting for approval',
  approved: 'Approved',
  waiting: 'Approved, waiting for a match',
  matched: 'Matched',
  stopped: 'Declined, expired or withdrew',
};
type Sort = 'name' | 'newest' | 'oldest' | 'status';
const SORTS: Record<Sort, string> = { name: 'Name (A–Z)', newest: 'Newest first', oldest: 'Oldest first', status: 'Approval state' };

const matches = (e: Enrollee, f: Filter) =>
  f === 'all' ||
  (f === 'pending' && e.status === 'pending') ||
  (f === 'approved' && e.status === 'approved') ||
  (f === 'waiting' && e.status === 'approved' && !e.matched) ||
  (f === 'matched' && e.matched) ||
  (f === 'stopped' && (e.status === 'declined' || e.status === 'expired' || e.status === 'withdrawn'));

/** With whom the approval is pending, or who decided it: the search looks at the approver's name, so the list shows it. */
function approvalText(e: Enrollee): string | null {
  if (!e.approver) return null;
  const who = e.approver.name ?? (e.approver.kind === 'manager' ? 'their manager' : 'a program admin');
  switch (e.status) {
    case 'pending':
      return `Pending with ${who}${e.approver.unreachable ? ' (Flipside cannot reach them in Teams)' : ''}`;
    case 'approved':
      return `Approved by ${who}`;
    case 'declined':
      return `Declined by ${who}`;
    case 'expired':
      return `Expired waiting for ${who}`;
    case 'withdrawn':
      return e.approver.name ? `Approver: ${e.approver.name}` : null;
  }
}

function remindersText(e: Enrollee): string {
  if (e.reminders === 0) return 'No reminder sent';
  const when = e.remindedAt ? `, last ${new Date(e.remindedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}` : '';
  return `${e.reminders} reminder${e.reminders === 1 ? '' : 's'} sent${when}`;
}

export function DashboardEnrollees({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = useDashboardEnrolleesStyles();
  const list = useLoad(() => hrApi(api).enrollees(programId), `enrollees:${programId}`);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<Sort>('name');
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const headingId = useId();

  const shown = useMemo(() => {
    if (list.status !== 'done') return [];
    const q = search.trim().toLowerCase();
    const rows = list.data.filter((e) => matches(e, filter) && (!q || `${e.name} ${e.department ?? ''} ${e.approver?.name ?? ''} ${e.partnerName ?? ''}`.toLowerCase().includes(q)));
    const by: Record<Sort, (a: Enrollee, b: Enrollee) => number> = {
      name: (a, b) => a.name.localeCompare(b.name),
      newest: (a, b) => b.enrolledAt.localeCompare(a.enrolledAt),
      oldest: (a, b) => a.enrolledAt.localeCompare(b.enrolledAt),
      status: (a, b) => a.status.localeCompare(b.status) || a.name.localeCompare(b.name),
    };
    return rows.sort(by[sort]);
  }, [list, search, filter, sort]);
  useAnnouncement(list.status === 'done' ? `${shown.length} of ${list.data.length} enrollees shown.` : '');

  const remind = async (e: Enrollee) => {
    setBusy(e.enrollmentId);
    setFailure(null);
    try {
      const result = await hrApi(api).remindApprover(programId, e.enrollmentId);
      setSaid((s) => ({ ...s, [e.enrollmentId]: result.sent ? 'Reminder sent.' : 'Already reminded today.' }));
      list.refresh();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        Enrollees
      </Subtitle2>
      {list.status === 'loading' ? <Loading label="Loading enrollees…" /> : null}
      {list.status === 'failed' ? <ErrorNotice title="Could not load the enrollees" error={list.error} onRetry={list.retry} /> : null}
      {list.status === 'done' && list.data.length === 0 ? <Body1>Nobody has enrolled yet. People enroll from the Programs page while enrollment is open.</Body1> : null}
      {list.status === 'done' && list.data.length > 0 ? (
        <>
          <div className={styles.controls}>
            <Field label="Search" className={styles.control}>
              <SearchBox value={search} onChange={(_e, data) => setSearch(data.value)} placeholder="Name, department, approver…" />
            </Field>
            <Field label="Show" className={styles.control}>
              <Dropdown value={FILTERS[filter]} selectedOptions={[filter]} onOptionSelect={(_e, data) => setFilter((data.optionValue as Filter) ?? 'all')}>
                {(Object.keys(FILTERS) as Filter[]).map((f) => (
                  <Option key={f} value={f}>
                    {FILTERS[f]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Sort by" className={styles.control}>
              <Dropdown value={SORTS[sort]} selectedOptions={[sort]} onOptionSelect={(_e, data) => setSort((data.optionValue as Sort) ?? 'name')}>
                {(Object.keys(SORTS) as Sort[]).map((s) => (
                  <Option key={s} value={s}>
                    {SORTS[s]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </div>
          <Caption1 className={styles.muted}>
            {shown.length} of {list.data.length} shown
          </Caption1>
          {failure ? <ErrorNotice title="The reminder was not sent" error={failure} /> : null}
          {shown.length === 0 ? <Body1>Nobody matches this search and filter.</Body1> : null}
          <ul className={styles.list} aria-label="Enrollees">
            {shown.map((e) => (
              <li key={e.enrollmentId} className={styles.item}>
                <div className={styles.who}>
                  <div className={styles.line}>
                    <Text weight="semibold">{e.name}</Text>
                    <Caption1>· {STATUS_TEXT[e.status]}</Caption1>
                  </div>
                  <Caption1>
                    {ROLE_TEXT[e.role]}
                    {e.department ? ` · ${e.department}` : ''}
                    {' · '}
                    {e.matched ? `Matched with ${e.partnerName}` : e.status === 'approved' ? 'Waiting for a match' : 'Not matched'}
                  </Caption1>
                  {e.status === 'pending' ? (
                    <Caption1 className={styles.muted}>
                      {approvalText(e)} · {remindersText(e)}
                    </Caption1>
                  ) : approvalText(e) ? (
                    <Caption1 className={styles.muted}>{approvalText(e)}</Caption1>
                  ) : null}
                </div>
                {e.status === 'pending' ? (
                  <div className={styles.line}>
                    {said[e.enrollmentId] ? <Caption1 role="status">{said[e.enrollmentId]}</Caption1> : null}
                    <Button size="small" disabled={busy === e.enrollmentId} onClick={() => void remind(e)} aria-label={`Remind approver of ${e.name}`}>
                      {busy === e.enrollmentId ? 'Sending…' : 'Remind approver'}
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
