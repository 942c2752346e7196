import { Badge, Body1, Button, Caption1, Card, Field, SpinButton, Subtitle1, Subtitle2 } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ProgramCare } from '../../../contracts/care.ts';
import { ApiRequestError, type ApiClient } from '../../api.ts';
import { firstName } from '../../format.ts';
import { useLoad } from '../../useLoad.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice, Loading } from '../Status/Status.tsx';
import { useCareSectionStyles } from './CareSection.styles.ts';
import { careApi } from '../../careApi.ts';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const pairWords = (p: { mentor: { displayName: string }; mentee: { displayName: string } }) => `${p.mentor.displayName} (mentor) & ${p.mentee.displayName} (mentee)`;

/** HR's "How pairs are doing" on a program's Meetings view: fit-check "no"s, stalled pairs, mentors asking for HR, check-in totals. */
export function CareSection({ api, programId }: { api: ApiClient; programId: string }) {
  const styles = useCareSectionStyles();
  const headingId = useId();
  const loaded = useLoad(() => careApi(api).program(programId), programId);
  const [data, setData] = useState<ProgramCare | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [said, setSaid] = useState('');
  const [settings, setSettings] = useState<{ missedInRow: number; idleDays: number } | null>(null);
  useAnnouncement(said);
  const care = data ?? (loaded.status === 'done' ? loaded.data : null);
  const shown = settings ?? care?.settings ?? null;

  const act = async (key: string, title: string, done: string, run: () => Promise<ProgramCare>) => {
    setBusy(key);
    setFailure(null);
    try {
      setData(await run());
      setSaid(done);
    } catch (error: unknown) {
      setFailure({ title, error });
      setSaid(`${title}. ${error instanceof ApiRequestError ? error.message : ''}`.trim());
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId} className={styles.heading}>
        How pairs are doing
      </Subtitle1>
      {care === null ? (
        loaded.status === 'failed' ? (
          <ErrorNotice title="Could not load how pairs are doing" error={loaded.error} onRetry={loaded.retry} />
        ) : (
          <Card className={styles.card}>
            <Loading label="Loading how pairs are doing…" />
          </Card>
        )
      ) : (
        <>
          {failure ? <ErrorNotice title={failure.title} error={failure.error} /> : null}
          <Card className={styles.card} aria-labelledby={`${headingId}-fit`}>
            <Subtitle2 as="h3" id={`${headingId}-fit`}>
              Fit check: pairings that are not working
            </Subtitle2>
            {care.fitNos.length === 0 ? (
              <Body1 className={styles.subtle}>Nobody has answered “no” to “Is this pairing working for you?”.</Body1>
            ) : (
              <ul className={styles.list}>
                {care.fitNos.map((f) => (
                  <li key={f.fitCheckId} className={styles.row}>
                    <div className={styles.who}>
                      <Body1>{pairWords(f)}</Body1>
                      <Caption1 className={styles.subtle}>
                        {f.answeredBy.displayName} answered no on {day(f.answeredAt)}
                        {f.note ? ` — “${f.note}”` : ' (no note shared)'}
                      </Caption1>
                    </div>
                    {f.decision ? (
                      <Badge appearance="tint" color={f.decision === 'keep' ? 'informative' : 'success'}>
                        {f.decision === 'keep' ? 'Kept' : 'Paired again'}
                      </Badge>
                    ) : f.live ? (
                      <div className={styles.actions}>
                        <Button
                          disabled={busy !== null}
                          onClick={() =>
                            act(f.fitCheckId, 'Could not keep the pair', `Kept ${firstName(f.mentor.displayName)} and ${firstName(f.mentee.displayName)}.`, () =>
                              careApi(api).decide(programId, f.fitCheckId, 'keep'),
                            )
                          }
                        >
                          Keep the pair
                        </Button>
                        <Button
                          appearance="primary"
                          disabled={busy !== null}
                          onClick={() =>
                            act(f.fitCheckId, 'Could not pair them again', `Paired ${firstName(f.mentor.displayName)} and ${firstName(f.mentee.displayName)} again with others.`, () =>
                              careApi(api).decide(programId, f.fitCheckId, 'repair'),
                            )
                          }
                        >
                          Pair both again
                        </Button>
                      </div>
                    ) : (
                      <Badge appearance="tint">Pair ended</Badge>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card className={styles.card} aria-labelledby={`${headingId}-stalled`}>
            <Subtitle2 as="h3" id={`${headingId}-stalled`}>
              Stalled pairs
            </Subtitle2>
            {care.stalled.length === 0 ? (
              <Body1 className={styles.subtle}>Every pair is meeting. Pairs that miss sessions show here, after Flipside has nudged them once.</Body1>
            ) : (
              <ul className={styles.list}>
                {care.stalled.map((s) => (
                  <li key={`${s.mentee.id}:${s.mentor.id}`} className={styles.row}>
                    <div className={styles.who}>
                      <Body1>{pairWords(s)}</Body1>
                      <Caption1 className={styles.subtle}>
                        {s.reason[0]!.toUpperCase() + s.reason.slice(1)}
                        {s.nudgedAt ? `; nudged ${day(s.nudgedAt)}` : ''}
                        {s.pausedUntil ? `; paused until ${day(s.pausedUntil)}` : ''}
                      </Caption1>
                    </div>
                    <Button
                      disabled={busy !== null}
                      onClick={() =>
                        act(`close:${s.mentee.id}`, 'Could not close the pair', `Closed ${firstName(s.mentor.displayName)} and ${firstName(s.mentee.displayName)}'s pair.`, () =>
                          careApi(api).close(programId, s.mentee.id, s.mentor.id),
                        )
                      }
                    >
                      Close pair
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card className={styles.card} aria-labelledby={`${headingId}-contact`}>
            <Subtitle2 as="h3" id={`${headingId}-contact`}>
              Mentors asking for HR
            </Subtitle2>
            <Caption1 className={styles.subtle}>
              From junior mentors’ confidential check-ins: shown one by one only when they asked to be contacted or flagged a concern. Never share them with the mentee or a manager.
            </Caption1>
            {care.contactRequests.length === 0 ? (
              <Body1 className={styles.subtle}>No mentor has asked HR to get in touch.</Body1>
            ) : (
              <ul className={styles.list}>
                {care.contactRequests.map((c) => (
                  <li key={c.checkInId} className={styles.row}>
                    <div className={styles.who}>
                      <Body1>
                        {c.mentor.displayName} {c.contactMe ? 'would like HR to contact them' : 'flagged a concern'}
                      </Body1>
                      <dl className={styles.facts}>
                        {c.answers.map((a) => (
                          <div key={a.title} style={{ display: 'contents' }}>
                            <dt className={styles.subtle}>{a.title}</dt>
                            <dd style={{ margin: 0 }}>{a.value}</dd>
                          </div>
                        ))}
                      </dl>
                    </div>
                    <Caption1 className={styles.subtle}>{c.occasion === 'third' ? 'After session 3' : 'At the mid-point'}</Caption1>
                  </li>
                ))}
              </ul>
            )}
            <Body1>
              {care.checkIns.answered === null
                ? 'Check-in totals show once five or more mentors have answered.'
                : `${care.checkIns.answered} check-ins answered. Can speak openly: ${care.checkIns.speakOpenly!.yes} yes, ${care.checkIns.speakOpenly!.mostly} mostly, ${care.checkIns.speakOpenly!.no} no. Respectful: ${care.checkIns.respectful!.yes} yes, ${care.checkIns.respectful!.mostly} mostly, ${care.checkIns.respectful!.no} no.`}
            </Body1>
          </Card>
          {shown ? (
            <Card className={styles.card} aria-labelledby={`${headingId}-settings`}>
              <Subtitle2 as="h3" id={`${headingId}-settings`}>
                When a pair counts as stalled
              </Subtitle2>
              <div className={styles.settings}>
                <Field label="Missed sessions in a row">
                  <SpinButton min={1} max={10} value={shown.missedInRow} onChange={(_e, d) => setSettings({ ...shown, missedInRow: d.value ?? Number(d.displayValue) })} />
                </Field>
                <Field label="Days without a held session">
                  <SpinButton min={7} max={90} value={shown.idleDays} onChange={(_e, d) => setSettings({ ...shown, idleDays: d.value ?? Number(d.displayValue) })} />
                </Field>
                <Button
                  disabled={busy !== null || settings === null}
                  onClick={() => act('settings', 'Could not save the settings', 'Saved when a pair counts as stalled.', () => careApi(api).saveSettings(programId, shown))}
                >
                  Save
                </Button>
              </div>
            </Card>
          ) : null}
        </>
      )}
    </section>
  );
}
