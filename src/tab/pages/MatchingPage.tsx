import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  Subtitle1,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PersonSummary } from '../../contracts/api.ts';
import type { MatchingProposal, ProposedPair } from '../../contracts/matching.ts';
import type { Program } from '../../contracts/programs.ts';
import { ApiRequestError, type ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { PairList, pairName } from '../components/PairList/PairList.tsx';
import { PoolStats } from '../components/PairList/PoolStats.tsx';
import { ProgramMeetings } from '../components/ProgramMeetings/ProgramMeetings.tsx';
import { CareSection } from '../components/CareSection/CareSection.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { UnmatchedList } from '../components/UnmatchedList/UnmatchedList.tsx';
import { subtitle } from '../format.ts';
import { hrefFor } from '../router.ts';
import { useLoad } from '../useLoad.ts';
import { usePageStyles } from './pages.styles.ts';
import { momentDateTime } from '../dates.ts';
import { hrApi } from '../hrApi.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The program and its proposal; `proposal` is null before matching ever ran. */
async function loadMatching(api: ApiClient, programId: string): Promise<{ program: Program | null; proposal: MatchingProposal | null }> {
  const [programs, proposal] = await Promise.all([api.programs(), hrApi(api).matching(programId)]);
  return { program: programs.find((p) => p.id === programId) ?? null, proposal };
}

/** Every mentor HR can pick by hand: those in the proposal's pairs and removed pairs, by name. */
function mentorsOf(proposal: MatchingProposal): PersonSummary[] {
  const byId = new Map<string, PersonSummary>();
  for (const { mentor } of [...proposal.pairs, ...proposal.removed]) byId.set(mentor.id, mentor);
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function summary(p: MatchingProposal): string {
  return `${plural(p.pairs.length, 'pair')} proposed, ${plural(p.unmatched.length, 'mentee')} unmatched.`;
}

/** `/admin/programs/:id/matching`: run matching, review, lock, remove and assign pairs, then publish; then watch the pairs' meetings. */
export function MatchingPage({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = usePageStyles();
  const loaded = useLoad(() => loadMatching(api, programId), programId);
  // Every answer of the matching API is the whole proposal: the latest one replaces what was loaded.
  const [latest, setLatest] = useState<MatchingProposal | null>(null);
  const [running, setRunning] = useState(false);
  const [busyMenteeId, setBusyMenteeId] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [said, setSaid] = useState('');

  const program = loaded.status === 'done' ? loaded.data.program : null;
  const proposal = latest ?? (loaded.status === 'done' ? loaded.data.proposal : null);

  useAnnouncement(
    said || (loaded.status === 'loading' ? 'Loading matching…' : loaded.status === 'failed' ? 'Could not load matching.' : proposal ? `Matching: ${summary(proposal)}` : 'Nobody is matched yet.'),
  );
  useEffect(() => {
    document.title = program ? `Matching · ${program.name} · Flipside` : 'Matching · Flipside';
  }, [program]);

  const back = { href: hrefFor.admin(), label: 'Programs you run' };
  if (loaded.status === 'loading')
    return (
      <>
        <PageHeader title="Matching" back={back} />
        <Loading label="Loading matching…" />
      </>
    );
  if (loaded.status === 'failed')
    return (
      <>
        <PageHeader title="Matching" back={back} />
        <ErrorNotice title="Could not load matching" error={loaded.error} onRetry={loaded.retry} />
      </>
    );
  if (!program) {
    return (
      <>
        <PageHeader title="Matching" back={back} />
        <Notice intent="warning" title="No such program">
          It may have been deleted, or the address is wrong. Pick a program from the list.
        </Notice>
      </>
    );
  }

  const known = proposal?.stats;
  const progress = known
    ? `Matching ${plural(known.mentees, 'mentee')} with ${plural(known.mentors, 'mentor')}…`
    : program.counts
      ? `Matching the ${plural(program.counts.approved, 'approved participant')}…`
      : 'Matching the approved participants…';

  /** One change on the server: its answer becomes the proposal; a failure shows inline, above the pairs. */
  const change = async (title: string, call: () => Promise<MatchingProposal>, done: (p: MatchingProposal) => string): Promise<void> => {
    setFailure(null);
    try {
      const next = await call();
      setLatest(next);
      setSaid(done(next));
    } catch (error: unknown) {
      setFailure({ title, error });
      setSaid(`${title}. ${error instanceof ApiRequestError ? error.message : ''}`.trim());
    }
  };

  const run = () => {
    setRunning(true);
    setSaid(progress);
    void change(
      'Matching did not run',
      () => hrApi(api).runMatching(programId),
      (p) => `Matching done: ${p.stats.matched} of ${p.stats.mentees} mentees matched.`,
    ).finally(() => setRunning(false));
  };
  const lock = (pair: ProposedPair, locked: boolean) => {
    setBusyMenteeId(pair.mentee.id);
    void change(
      `Could not ${locked ? 'lock' : 'unlock'} ${pairName(pair)}`,
      () => hrApi(api).lockPair(programId, pair.mentee.id, locked),
      () => `${locked ? 'Locked' : 'Unlocked'} ${pairName(pair)}.`,
    ).finally(() => setBusyMenteeId(null));
  };
  const remove = async (pair: ProposedPair) => {
    setBusyMenteeId(pair.mentee.id);
    await change(
      `Could not remove ${pairName(pair)}`,
      () => hrApi(api).removePair(programId, pair.mentee.id),
      () => `Removed ${pairName(pair)}. ${pair.mentee.displayName} is unmatched until matching runs again.`,
    );
    setBusyMenteeId(null);
  };
  // The dialog shows the refusal itself (a broken must-rule comes back on `mentorId`): rethrow.
  const assign = async (menteeId: string, mentorId: string) => {
    setFailure(null);
    const next = await hrApi(api).assignPair(programId, { mentorId, menteeId });
    setLatest(next);
    const pair = next.pairs.find((p) => p.mentee.id === menteeId);
    setSaid(pair ? `Assigned ${pair.mentor.displayName} to ${pair.mentee.displayName}.` : 'Assigned.');
  };
  const publish = () =>
    change(
      'Not published',
      () => hrApi(api).publishMatching(programId),
      (p) => `Published ${plural(p.pairs.length, 'pair')}. Both people of each pair get a card in Teams.`,
    );

  const published = proposal?.status === 'published';
  // While a later round is a draft, the pairs published earlier still meet: their meetings and care stay in view.
  const meeting = published || (proposal?.pairs.some((p) => p.published) ?? false);
  const readOnly = published || running;
  const round = proposal?.round ?? 1;
  const fresh = proposal ? proposal.pairs.filter((p) => !p.published) : [];
  const nextRound = () => {
    setRunning(true);
    setSaid(`Matching the next round: ${plural(proposal?.waiting.total ?? 0, 'person', 'people')} waiting…`);
    void change(
      'The next round did not run',
      () => hrApi(api).runMatching(programId),
      (p) => `Round ${p.round}: ${plural(p.pairs.filter((x) => !x.published).length, 'new pair')} proposed; published pairs kept.`,
    ).finally(() => setRunning(false));
  };

  const header = (
    <PageHeader
      title={program.name}
      back={back}
      lead={
        published
          ? 'Matching is published: each person can see their partner in Flipside.'
          : 'Matching proposes the best pairs of the approved pool under the program’s rules. Review, lock and remove pairs, then publish: nobody is told before that.'
      }
    />
  );
  const failureNotice = failure ? <ErrorNotice title={failure.title} error={failure.error} /> : null;

  if (!proposal) {
    return (
      <>
        {header}
        {failureNotice}
        <Card className={styles.card}>
          {running ? (
            <Loading label={progress} />
          ) : (
            <>
              <Body1>Nobody is matched yet. Run matching when enrollment has closed — you can review, lock and remove pairs before anyone is told.</Body1>
              <div>
                <Button appearance="primary" onClick={run}>
                  Run matching
                </Button>
              </div>
            </>
          )}
        </Card>
      </>
    );
  }

  const actions = published ? undefined : (
    <>
      {running ? <Spinner size="tiny" label={progress} /> : null}
      <Button onClick={run} disabled={running}>
        Run again
      </Button>
      <PublishDialog proposal={proposal} disabled={running || fresh.length === 0} onPublish={publish} />
    </>
  );
  const { waiting } = proposal;
  const waitingNotice =
    published && waiting.total > 0 ? (
      <Notice intent="info" title={`${plural(waiting.total, 'person', 'people')} waiting for the next round`} action={running ? undefined : { label: 'Run the next round', onClick: nextRound }}>
        {waiting.approvedSincePublishing > 0
          ? `${plural(waiting.approvedSincePublishing, 'person', 'people')} approved since publishing, the rest unmatched so far. `
          : 'Approved but not paired yet. '}
        A new round keeps every published pair and the places it takes; only new pairs are told and booked.
        {running ? <Spinner size="tiny" label="Matching the next round…" /> : null}
      </Notice>
    ) : published ? (
      <Caption1 className={styles.muted}>Nobody is waiting for another round: everyone approved is paired.</Caption1>
    ) : null;
  return (
    <>
      {header}
      {published && proposal.publishedAt ? (
        <Notice intent="success" title={`${round > 1 ? `Round ${round} published` : 'Published'} on ${momentDateTime(proposal.publishedAt)}`}>
          Both people of each pair got a card in their chat with Flipside, with the reasons they were matched. Published pairs can no longer be changed.
        </Notice>
      ) : null}
      {!published && round > 1 ? (
        <Notice intent="info" title={`Round ${round}: ${plural(fresh.length, 'new pair')} proposed`}>
          Pairs published in earlier rounds are kept as they are, with the places they take. Publishing tells and books only the new pairs.
        </Notice>
      ) : null}
      {waitingNotice}
      <PoolStats proposal={proposal} dimmed={running} actions={actions} note={published ? undefined : 'Locked pairs are kept; removed pairs are not proposed again.'} />
      {failureNotice}

      {meeting ? <ProgramMeetings api={api} programId={programId} /> : null}
      {meeting ? <CareSection api={api} programId={programId} /> : null}

      <Subtitle1 as="h2">
        {published ? 'Pairs' : 'Proposed pairs'} ({proposal.pairs.length})
      </Subtitle1>
      {proposal.pairs.length ? (
        <Card className={styles.tableCard} aria-busy={running || undefined}>
          <PairList pairs={proposal.pairs} readOnly={readOnly} busyMenteeId={busyMenteeId} onLock={lock} onRemove={remove} dimmed={running} />
        </Card>
      ) : (
        <Card className={styles.card}>
          <Body1>No pairs: nobody in the pool fits the program&rsquo;s rules. The unmatched mentees below say why.</Body1>
        </Card>
      )}

      {proposal.unmatched.length ? (
        <>
          <Subtitle1 as="h2">Unmatched mentees ({proposal.unmatched.length})</Subtitle1>
          <Card className={styles.card} aria-busy={running || undefined}>
            <UnmatchedList unmatched={proposal.unmatched} mentors={mentorsOf(proposal)} readOnly={readOnly} onAssign={assign} dimmed={running} />
          </Card>
        </>
      ) : null}

      {proposal.removed.length ? (
        <Card className={styles.card}>
          <Accordion collapsible>
            <AccordionItem value="removed">
              <AccordionHeader as="h2" expandIconPosition="end">
                Removed pairs ({proposal.removed.length})
              </AccordionHeader>
              <AccordionPanel>
                <Caption1 className={styles.muted}>Never proposed again in this program.</Caption1>
                <ul aria-label="Removed pairs">
                  {proposal.removed.map((r) => (
                    <li key={`${r.mentor.id}:${r.mentee.id}`}>
                      <Body1>
                        {r.mentor.displayName} → {r.mentee.displayName}
                      </Body1>{' '}
                      <Caption1 className={styles.muted}>({[subtitle(r.mentor), subtitle(r.mentee)].filter(Boolean).join(' → ')})</Caption1>
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        </Card>
      ) : null}
    </>
  );
}

function PublishDialog({ proposal, disabled, onPublish }: { proposal: MatchingProposal; disabled: boolean; onPublish: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const publish = () => {
    setBusy(true);
    void onPublish().finally(() => {
      setBusy(false);
      setOpen(false);
    });
  };
  const { unmatched } = proposal;
  const pairs = proposal.pairs.filter((p) => !p.published);
  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!busy) setOpen(data.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" disabled={disabled}>
          Publish
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Publish {plural(pairs.length, 'pair')}?</DialogTitle>
          <DialogContent>
            <Body1>
              Both people of each pair will get a card in their chat with Flipside in Teams, naming their partner and the reasons they were matched.
              {unmatched.length ? ` ${plural(unmatched.length, 'mentee')} ${unmatched.length === 1 ? 'stays' : 'stay'} unmatched.` : ''} After publishing, pairs can no longer be changed.
            </Body1>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={busy}>
                Not yet
              </Button>
            </DialogTrigger>
            <Button appearance="primary" onClick={publish} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
              Publish and tell everyone
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
