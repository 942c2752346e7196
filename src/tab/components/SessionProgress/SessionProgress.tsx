import { Body1, Caption1, mergeClasses } from '@fluentui/react-components';
import { useSessionProgressStyles } from './SessionProgress.styles.ts';

/** Sessions of a pair by outcome; `partlyHeld` and `cancelled` where the caller knows them. */
export interface SessionTally {
  held: number;
  partlyHeld?: number;
  missed: number;
  cancelled?: number;
  planned: number;
  total: number;
}

/** "3 of 12 held", "1 missed · 1 partly held · 8 to go": the words a screen reader gets too. */
export function sessionTallyText(t: SessionTally): { headline: string; detail: string } {
  const partly = t.partlyHeld ?? 0;
  const detail = [
    t.missed ? `${t.missed.toLocaleString()} missed` : '',
    partly ? `${partly.toLocaleString()} partly held` : '',
    t.cancelled ? `${t.cancelled.toLocaleString()} cancelled` : '',
    t.planned ? `${t.planned.toLocaleString()} to go` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { headline: `${t.held.toLocaleString()} of ${t.total.toLocaleString()} held`, detail };
}

/** Held vs planned as a thin bar (to take in at a glance) above the same in words. */
export function SessionProgress({ tally, wide = false }: { tally: SessionTally; wide?: boolean }) {
  const styles = useSessionProgressStyles();
  const { headline, detail } = sessionTallyText(tally);
  const segments = (
    [
      ['held', tally.held],
      ['partlyHeld', tally.partlyHeld ?? 0],
      ['missed', tally.missed],
      ['cancelled', tally.cancelled ?? 0],
    ] as const
  ).filter(([, n]) => n > 0);
  const total = Math.max(tally.total, 1);
  const rest = Math.max(total - segments.reduce((sum, [, n]) => sum + n, 0), 0);
  return (
    <div className={mergeClasses(styles.root, wide && styles.wide)}>
      <div className={styles.bar} aria-hidden="true">
        {segments.map(([kind, n]) => (
          <div key={kind} className={mergeClasses(styles.segment, styles[kind])} style={{ flexGrow: n }} />
        ))}
        {rest ? <div className={styles.segment} style={{ flexGrow: rest, backgroundColor: 'transparent' }} /> : null}
      </div>
      <div className={styles.text}>
        <Body1 className={styles.count}>{headline}</Body1>
        {detail ? <Caption1 className={mergeClasses(styles.count, styles.muted)}>{detail}</Caption1> : null}
      </div>
    </div>
  );
}
