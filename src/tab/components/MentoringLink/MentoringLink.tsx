import { Body1, Caption1, Card, Link, Subtitle2 } from '@fluentui/react-components';
import { useId } from 'react';
import type { MyMentoring } from '../../../contracts/sessions.ts';
import { sessionRange, viewerClock } from '../../dates.ts';
import { firstName } from '../../format.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import { useMentoringLinkStyles } from './MentoringLink.styles.ts';

/**
 * The Me page's way into My mentoring, for someone in a pair: the soonest session in a line, and the
 * link. The page itself (sessions, action items, goals) lives at its own address.
 */
export function MentoringLink({ mentoring }: { mentoring: MyMentoring }) {
  const styles = useMentoringLinkStyles();
  const headingId = useId();
  if (mentoring.pairs.length === 0) return null;
  const soonest = mentoring.pairs.flatMap((p) => (p.next ? [{ pair: p, next: p.next }] : [])).sort((a, b) => a.next.start.localeCompare(b.next.start))[0];
  const href = hrefFor.mentoring();
  const partners = mentoring.pairs.map((p) => firstName(p.partner.displayName)).join(' and ');
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.title}>
        <Link href={href} onClick={onLinkClick(href)}>
          My mentoring
        </Link>
      </Subtitle2>
      {soonest ? (
        <Body1 className={styles.line}>
          Coming up with {firstName(soonest.pair.partner.displayName)}: <time dateTime={soonest.next.start}>{sessionRange(soonest.next, viewerClock(soonest.pair))}</time> · {soonest.next.topic.title}
        </Body1>
      ) : (
        <Body1 className={styles.line}>Nothing booked yet with {partners}.</Body1>
      )}
      <Caption1 className={styles.muted}>Past sessions, your ratings, shared action items and how your goals are coming along.</Caption1>
    </Card>
  );
}
