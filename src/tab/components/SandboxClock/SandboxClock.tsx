import { Body1, Button, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { SandboxTime } from '../../../contracts/sessions.ts';
import { sandboxClient, type SandboxClient } from '../../sandboxApi.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { ErrorNotice } from '../Status/Status.tsx';
import { useSandboxClockStyles } from './SandboxClock.styles.ts';
import { clockDate } from '../../dates.ts';

/** While the clock is moving (here or from the sandbox's control page), how often to look again. */
export const MOVING_POLL_MS = 1_000;

type Skip = 'next-session' | 'week';

export interface SandboxClockProps {
  /** The sandbox's clock routes (by default the server's). */
  sandbox?: Pick<SandboxClient, 'time' | 'skipTime'>;
  /** After the clock has moved and its jobs have run: what the pages show is out of date. */
  onMoved: () => void;
}

/**
 * The sandbox's date at the top of the tab, with "Skip to the next session" and "Skip a week" to
 * walk a whole program in minutes. Shows nothing where the server has no sandbox clock.
 */
export function SandboxClock({ sandbox = sandboxClient, onMoved }: SandboxClockProps) {
  const styles = useSandboxClockStyles();
  const [time, setTime] = useState<SandboxTime | null>(null);
  const [skipping, setSkipping] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [said, setSaid] = useState('');
  useAnnouncement(said);

  useEffect(() => {
    let current = true;
    sandbox.time().then(
      (answer) => current && setTime(answer),
      // Tenant mode, or a sandbox without a movable clock: no banner.
      (error: unknown) => console.info('Flipside: no sandbox clock, so no time banner.', error),
    );
    return () => {
      current = false;
    };
  }, [sandbox]);

  const arrived = useCallback(
    (answer: SandboxTime) => {
      setTime(answer);
      setSaid(`Sandbox date is now ${clockDate(answer.now)}.`);
      onMoved();
    },
    [onMoved],
  );

  // Moving: ask again until it has stopped, then the pages load what the jobs did.
  const moving = time?.moving ?? false;
  useEffect(() => {
    if (!moving) return;
    let current = true;
    const timer = setTimeout(() => {
      sandbox.time().then(
        (answer) => {
          if (!current) return;
          if (answer.moving) setTime(answer);
          else arrived(answer);
        },
        (error: unknown) => current && setFailure(error),
      );
    }, MOVING_POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sandbox, moving, time, arrived]);

  if (!time) return null;

  const skip = async (to: Skip) => {
    setFailure(null);
    setSkipping(true);
    setSaid('Moving time…');
    try {
      const answer = await sandbox.skipTime(to);
      if (answer.moving) setTime(answer);
      else arrived(answer);
    } catch (error: unknown) {
      setFailure(error);
      setSaid('Could not move the sandbox clock.');
    } finally {
      setSkipping(false);
    }
  };

  const busy = skipping || moving;
  return (
    <section className={styles.root} aria-label="Sandbox clock" aria-busy={busy || undefined}>
      <p className={styles.date}>
        <Body1 className={styles.label}>Sandbox date:</Body1>{' '}
        <Body1 className={styles.now}>
          <time dateTime={time.now}>{clockDate(time.now)}</time>
        </Body1>
      </p>
      <div className={styles.actions}>
        {busy ? <Spinner size="extra-tiny" label="Moving time… jobs run as it goes" labelPosition="after" className={styles.moving} /> : null}
        <Button
          size="small"
          disabledFocusable={busy || time.nextSessionAt === null}
          title={time.nextSessionAt === null ? 'No session of any pair is ahead' : `To ${clockDate(time.nextSessionAt)}`}
          onClick={() => void skip('next-session')}
        >
          Skip to the next session
        </Button>
        <Button size="small" disabledFocusable={busy} onClick={() => void skip('week')}>
          Skip a week
        </Button>
      </div>
      {failure ? <ErrorNotice title="Could not move the sandbox clock" error={failure} /> : null}
    </section>
  );
}
