import { Body1, mergeClasses } from '@fluentui/react-components';
import type { SessionStatus } from '../../../contracts/sessions.ts';
import { useSessionStatusStyles } from './SessionStatus.styles.ts';

export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  partly_held: 'Partly held',
  missed: 'Missed',
  cancelled: 'Cancelled',
  moved: 'Moved',
};

const RING = 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.2a5.8 5.8 0 1 0 0 11.6A5.8 5.8 0 0 0 8 2.2Z';

// 16×16 outlines, one shape per status, so that the status reads without its colour.
const ICON_PATHS: Record<SessionStatus, string[]> = {
  // A tick in a circle.
  held: [RING, 'M10.9 5.6a.6.6 0 0 1 .1.8l-3.4 4.2a.6.6 0 0 1-.9.1L5 8.9a.6.6 0 0 1 .9-.9l1.2 1.2 3-3.7a.6.6 0 0 1 .8-.1Z'],
  // A circle, half filled.
  partly_held: [RING, 'M8 2.2v11.6a5.8 5.8 0 0 1 0-11.6Z'],
  // A cross in a circle.
  missed: [RING, 'M5.6 5.6a.6.6 0 0 1 .8 0L8 7.2l1.6-1.6a.6.6 0 1 1 .8.8L8.8 8l1.6 1.6a.6.6 0 1 1-.8.8L8 8.8l-1.6 1.6a.6.6 0 1 1-.8-.8L7.2 8 5.6 6.4a.6.6 0 0 1 0-.8Z'],
  // A circle struck through.
  cancelled: [RING, 'M11.7 3.45l.85.85-8.25 8.25-.85-.85Z'],
  // A clock.
  planned: [RING, 'M8 3.8c.3 0 .6.3.6.6v3.4l2 1.2a.6.6 0 1 1-.6 1L7.7 8.6a.6.6 0 0 1-.3-.5V4.4c0-.3.3-.6.6-.6Z'],
  // An arrow to the right.
  moved: ['M9.4 3.6a.6.6 0 0 1 .8 0l4 4a.6.6 0 0 1 0 .8l-4 4a.6.6 0 1 1-.8-.8l3-3H2.6a.6.6 0 0 1 0-1.2h9.8l-3-3a.6.6 0 0 1 0-.8Z'],
};

/** A session's status as an icon and a word (never colour alone). */
export function SessionStatusLabel({ status }: { status: SessionStatus }) {
  const styles = useSessionStatusStyles();
  return (
    <span className={mergeClasses(styles.root, styles[status])}>
      <svg className={styles.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {ICON_PATHS[status].map((d) => (
          <path key={d} d={d} fillRule="evenodd" />
        ))}
      </svg>
      <Body1 className={styles.text}>{SESSION_STATUS_LABEL[status]}</Body1>
    </span>
  );
}
