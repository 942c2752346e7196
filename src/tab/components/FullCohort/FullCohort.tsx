import { Body1, Button, Card, Field, ProgressBar, Subtitle1 } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hrefFor, navigate } from '../../router.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { Notice } from '../Status/Status.tsx';
import type { CohortStatus } from '../../../contracts/cohort.ts';
import { useFullCohortStyles } from './FullCohort.styles.ts';

const COHORT = '/sandbox/control/cohort';
const POLL_MS = 1000;

async function cohortCall(method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: CohortStatus | { error: { message: string } } }> {
  const res = await fetch(COHORT, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json().catch(() => ({ error: { message: `The sandbox answered ${res.status}.` } }))) as CohortStatus | { error: { message: string } } };
}

const isStatus = (b: unknown): b is CohortStatus => typeof b === 'object' && b !== null && 'state' in b;

export interface FullCohortProps {
  /** The program to fill; none: a new one from the template. */
  programId?: string | undefined;
  /** The cohort has finished responding (programs and counts changed). */
  onDone?: () => void;
}

/**
 * Sandbox only: one action that invites 120 sandbox people to a program and has them answer as
 * people would, with progress while they do. Shows nothing where the sandbox's control answers
 * nothing (a real tenant has no /sandbox routes).
 */
export function FullCohort({ programId, onDone }: FullCohortProps) {
  const styles = useFullCohortStyles();
  const [status, setStatus] = useState<CohortStatus | null | 'absent'>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const done = useRef(onDone);
  done.current = onDone;

  const read = useCallback(async () => {
    try {
      const answer = await cohortCall('GET');
      if (answer.status === 404) return setStatus('absent');
      if (isStatus(answer.body)) setStatus(answer.body);
    } catch {
      setStatus('absent');
    }
  }, []);

  useEffect(() => {
    void read();
  }, [read]);

  const responding = status !== null && status !== 'absent' && (status.state === 'responding' || status.state === 'inviting');
  useEffect(() => {
    if (!responding) return;
    const timer = setInterval(() => {
      void cohortCall('GET').then((answer) => {
        if (!isStatus(answer.body)) return;
        setStatus(answer.body);
        if (answer.body.state === 'done') done.current?.();
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [responding]);

  const current = status !== null && status !== 'absent' ? status : null;
  const answered = current ? current.enrolled + current.declined : 0;
  useAnnouncement(current?.state === 'done' ? `Cohort ready: ${current.approved} approved.` : responding && current ? `${answered} of ${current.size} sandbox people have answered.` : '');
  if (status === null || status === 'absent') return null;

  const start = () => {
    setStarting(true);
    setError(null);
    cohortCall('POST', programId ? { programId } : {}).then(
      (answer) => {
        setStarting(false);
        if (isStatus(answer.body)) setStatus(answer.body);
        else setError(answer.body.error.message);
      },
      () => {
        setStarting(false);
        setError('The sandbox did not answer. Try again.');
      },
    );
  };

  const decided = current ? current.approved : 0;
  return (
    <Card className={styles.card} aria-labelledby="full-cohort-heading">
      <Subtitle1 as="h2" id="full-cohort-heading">
        Try it with a full cohort
      </Subtitle1>
      <Body1>
        Sandbox only: invites 120 sandbox people{programId ? ' to this program' : ' to a new program from the template'}. Most enroll with their own topics, goals and cadence, some say no; their
        managers approve in Teams, a few decline or let the request expire. From then on the sandbox people also answer their other cards (times, feedback).
      </Body1>
      {responding && current ? (
        <>
          <Field validationMessage={`${answered} of ${current.size} have answered their invitation · ${decided} approved by their managers`} validationState="none">
            <ProgressBar value={current.size > 0 ? (answered + decided) / (current.size * 2) : 0} aria-label="Sandbox people responding" />
          </Field>
        </>
      ) : null}
      {current?.state === 'done' ? (
        <Notice intent="success" title={`Cohort ready: ${current.approved} approved`}>
          {current.enrolled} enrolled and {current.declined} said no; {current.lapsing > 0 ? `${current.lapsing} requests are left to expire. ` : ''}Run matching next.
        </Notice>
      ) : null}
      {error ? (
        <Notice intent="error" title="The cohort did not start">
          {error}
        </Notice>
      ) : null}
      <div className={styles.row}>
        {current?.state === 'done' && current.programId ? (
          <Button appearance="primary" as="a" href={hrefFor.matching(current.programId)} onClick={(e) => (e.preventDefault(), navigate(hrefFor.matching(current.programId!)))}>
            Open matching
          </Button>
        ) : (
          <Button appearance="primary" onClick={start} disabled={starting || responding}>
            {starting ? 'Inviting…' : responding ? 'Sandbox people are responding…' : 'Try it with a full cohort'}
          </Button>
        )}
      </div>
    </Card>
  );
}
