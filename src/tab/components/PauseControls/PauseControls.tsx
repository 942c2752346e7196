import { Body1, Button, Caption1, Card, Field, Input, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { MyCare } from '../../../contracts/care.ts';
import { ApiRequestError, type ApiClient } from '../../api.ts';
import { firstName } from '../../format.ts';
import { useLoad } from '../../useLoad.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice } from '../Status/Status.tsx';
import { usePauseControlsStyles } from './PauseControls.styles.ts';
import { careApi } from '../../careApi.ts';

const dayWords = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** On My mentoring: pause a pair's sessions until a date (Outlook meetings until then cancelled), or resume early. */
export function PauseControls({ api }: { api: ApiClient }) {
  const styles = usePauseControlsStyles();
  const loaded = useLoad(() => careApi(api).mine(), 'mine');
  const [data, setData] = useState<MyCare | null>(null);
  const [until, setUntil] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ key: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  useAnnouncement(said);
  const care = data ?? (loaded.status === 'done' ? loaded.data : null);
  if (!care || care.pairs.length === 0) return null;

  const run = async (key: string, done: string, call: () => Promise<MyCare>) => {
    setBusy(key);
    setFailure(null);
    try {
      setData(await call());
      setSaid(done);
    } catch (error: unknown) {
      setFailure({ key, error });
      setSaid(error instanceof ApiRequestError ? error.message : 'That did not work.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {care.pairs.map((p) => {
        const key = `${p.programId}:${p.menteeId}`;
        const partner = firstName(p.partner.displayName);
        const error = failure?.key === key ? failure.error : null;
        const fieldError = error instanceof ApiRequestError && error.field === 'untilDate' ? error.message : undefined;
        return (
          <Card key={key} className={styles.card} aria-label={`Pause sessions with ${p.partner.displayName}`}>
            <Subtitle2 as="h2">{p.pause ? `Paused until ${dayWords(p.pause.untilDate)}` : `Need a break from sessions with ${partner}?`}</Subtitle2>
            {p.pause ? (
              <>
                <Body1>
                  {p.pause.status === 'cancelling'
                    ? 'Flipside is cancelling your meetings until then in Outlook.'
                    : p.pause.status === 'resuming'
                      ? 'Flipside is putting your meetings back in Outlook.'
                      : `Your meetings until then are cancelled in Outlook; the series goes on after.`}
                  {p.pause.problem ? ` ${p.pause.problem}` : ''}
                </Body1>
                {p.pause.status === 'paused' || p.pause.status === 'cancelling' ? (
                  <div className={styles.row}>
                    <Button disabled={busy !== null} onClick={() => run(key, `Resumed your sessions with ${partner}.`, () => careApi(api).resume(p.programId, p.menteeId))}>
                      Resume now
                    </Button>
                  </div>
                ) : null}
              </>
            ) : p.canPause ? (
              <>
                <Caption1 className={styles.subtle}>Pausing cancels your meetings until the date you choose, for both of you; the series goes on after. Either of you can resume early.</Caption1>
                <div className={styles.row}>
                  <Field label="Pause until" validationState={fieldError ? 'error' : 'none'} validationMessage={fieldError}>
                    <Input type="date" min={p.today} max={p.latestUntil} value={until[key] ?? ''} onChange={(_e, d) => setUntil({ ...until, [key]: d.value })} />
                  </Field>
                  <Button
                    appearance="primary"
                    disabled={busy !== null || !until[key]}
                    onClick={() => run(key, `Paused your sessions with ${partner} until ${dayWords(until[key]!)}.`, () => careApi(api).pause(p.programId, p.menteeId, until[key]!))}
                  >
                    Pause sessions
                  </Button>
                </div>
              </>
            ) : (
              <Body1 className={styles.subtle}>You can pause once your sessions are booked.</Body1>
            )}
            {error && !fieldError ? <ErrorNotice title="That did not work" error={error} /> : null}
          </Card>
        );
      })}
    </>
  );
}
