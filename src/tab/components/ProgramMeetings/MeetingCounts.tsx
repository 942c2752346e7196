import { Body1, mergeClasses } from '@fluentui/react-components';
import type { ProgramBookings } from '../../../contracts/matching.ts';
import { BOOKING_STATUSES, BOOKING_STATUS_LABEL } from '../../bookingText.ts';
import { useMeetingCountsStyles } from './MeetingCounts.styles.ts';

/** How many pairs are in each state: a bar to take in at a glance, and a legend that says it in words. */
export function MeetingCounts({ counts }: { counts: ProgramBookings['counts'] }) {
  const styles = useMeetingCountsStyles();
  const shown = BOOKING_STATUSES.flatMap((status) => {
    const n = counts[status] ?? 0;
    return n > 0 ? [{ status, n }] : [];
  });
  const total = shown.reduce((sum, s) => sum + s.n, 0);
  if (total === 0) return null;
  return (
    <div className={styles.root}>
      <div className={styles.bar} aria-hidden="true">
        {shown.map(({ status, n }) => (
          <div key={status} className={mergeClasses(styles.segment, styles[status])} style={{ flexGrow: n, flexBasis: 0 }} />
        ))}
      </div>
      <ul className={styles.legend} aria-label="Pairs by meeting status">
        {shown.map(({ status, n }) => (
          <li key={status} className={styles.item}>
            <span className={mergeClasses(styles.swatch, styles[status])} aria-hidden="true" />
            <Body1 className={styles.count}>{n.toLocaleString()}</Body1>
            <Body1 className={styles.label}>{BOOKING_STATUS_LABEL[status]}</Body1>
          </li>
        ))}
      </ul>
    </div>
  );
}
