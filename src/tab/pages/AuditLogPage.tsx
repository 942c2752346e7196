import { Button, Card, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AuditEntryView } from '../../contracts/audit.ts';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { hrefFor } from '../router.ts';
import { useLoad } from '../useLoad.ts';
import { usePageStyles } from './pages.styles.ts';
import { momentDateTime } from '../dates.ts';
import { hrApi } from '../hrApi.ts';

const ACTIONS: Record<string, string> = {
  'program.created': 'Created the program',
  'program.updated': 'Edited the program',
  'matching.run': 'Ran matching',
  'matching.locked': 'Locked a pair',
  'matching.unlocked': 'Unlocked a pair',
  'matching.removed': 'Removed a proposed pair',
  'matching.assigned': 'Paired two people by hand',
  'matching.published': 'Published the pairs',
  'pair.ended': 'Ended a pair',
  'pair.repaired': 'Re-paired a mentee',
  'pair.kept': 'Kept a pair after a fit check',
  'pair.closed': 'Closed a quiet pair',
  'program.archived': 'Archived the program',
  'program.deleted': 'Deleted the program',
  'invitations.sent': 'Sent invitations',
  'export.downloaded': 'Downloaded an export',
  'checkin.viewed': 'Viewed a confidential check-in',
};

function detailText(e: AuditEntryView): string {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.matched === 'number') parts.push(`${d.matched} matched`);
  if (typeof d.pairs === 'number') parts.push(`${d.pairs} pair${d.pairs === 1 ? '' : 's'}`);
  if (Array.isArray(d.changed)) parts.push(d.changed.length ? `changed: ${d.changed.join(', ')}` : 'no change');
  if (typeof d.export === 'string') parts.push(d.export);
  if (typeof d.invited === 'number') parts.push(`${d.invited} invited`);
  return parts.join(' · ');
}

/** A program's audit log, for its admins: every admin action, who and when, newest first. */
export function AuditLogPage({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = usePageStyles();
  const first = useLoad(() => hrApi(api).auditLog(programId), programId);
  const [more, setMore] = useState<{ entries: AuditEntryView[]; next: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => {
    document.title = 'Audit log · Flipside';
  }, []);
  useAnnouncement(first.status === 'loading' ? 'Loading the audit log…' : first.status === 'failed' ? 'Could not load the audit log.' : 'Audit log loaded.');

  if (first.status === 'loading') return <Loading label="Loading the audit log…" />;
  if (first.status === 'failed') return <ErrorNotice title="Could not load the audit log" error={first.error} onRetry={first.retry} />;
  const entries = [...first.data.entries, ...(more?.entries ?? [])];
  const next = more ? more.next : first.data.next;
  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await hrApi(api).auditLog(programId, next);
      setMore({ entries: [...(more?.entries ?? []), ...page.entries], next: page.next });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Every admin action on this program: who took it and when, newest first. People who asked for their data to be deleted appear under a pseudonym."
        back={{ href: hrefFor.admin(), label: 'Admin' }}
      />
      {entries.length === 0 ? (
        <Notice intent="info" title="Nothing recorded yet">
          Creating or editing the program, running and publishing matching, and ending pairs are recorded here.
        </Notice>
      ) : (
        <Card className={styles.tableCard}>
          <Table aria-label="Audit log, newest first" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>What</TableHeaderCell>
                <TableHeaderCell>About</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className={styles.nowrap}>{momentDateTime(e.at)}</TableCell>
                  <TableCell>{e.actor.displayName}</TableCell>
                  <TableCell>
                    {ACTIONS[e.action] ?? e.action}
                    {detailText(e) ? <Text className={styles.muted}> — {detailText(e)}</Text> : null}
                  </TableCell>
                  <TableCell>{e.subject?.displayName ?? '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {moreError ? <ErrorNotice title="Could not load older entries" error={moreError} onRetry={() => void loadMore()} /> : null}
      {next !== null ? (
        <Button onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Older entries'}
        </Button>
      ) : null}
    </>
  );
}
