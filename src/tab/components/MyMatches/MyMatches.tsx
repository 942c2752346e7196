import { Body1, Caption1, Card, Link, Subtitle1, Subtitle2 } from '@fluentui/react-components';
import type { ApiClient } from '../../api.ts';
import { subtitle } from '../../format.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import { useLoad } from '../../useLoad.ts';
import { MatchSessions } from '../MatchSessions/MatchSessions.tsx';
import { ErrorNotice } from '../Status/Status.tsx';
import { useMyMatchesStyles } from './MyMatches.styles.ts';
import { momentDay } from '../../dates.ts';

/**
 * The Me page's "My matches": each published partner with why and where their sessions stand, and
 * nothing at all before there is one.
 */
export function MyMatches({ api }: { api: ApiClient }) {
  const styles = useMyMatchesStyles();
  const matches = useLoad(() => api.myMatches(), 'mine');
  if (matches.status === 'loading') return null;
  if (matches.status === 'failed') {
    return (
      <Card className={styles.root}>
        <ErrorNotice title="Could not load your matches" error={matches.error} onRetry={matches.retry} />
      </Card>
    );
  }
  if (matches.data.length === 0) return null;
  const sorted = [...matches.data].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  return (
    <Card className={styles.root} aria-labelledby="my-matches-heading">
      <Subtitle1 as="h2" id="my-matches-heading" className={styles.title}>
        My matches
      </Subtitle1>
      <ul className={styles.list}>
        {sorted.map((m) => {
          const href = hrefFor.person(m.partner.id);
          const sub = subtitle(m.partner);
          return (
            <li key={`${m.programId}:${m.partner.id}`} className={styles.item}>
              <Subtitle2 as="h3" className={styles.partner}>
                {m.role === 'mentor' ? 'Your mentee' : 'Your mentor'}:{' '}
                <Link href={href} onClick={onLinkClick(href)}>
                  {m.partner.displayName}
                </Link>
              </Subtitle2>
              {sub ? <Body1>{sub}</Body1> : null}
              <Caption1 className={styles.muted}>
                {m.programName} · matched on {momentDay(m.publishedAt)}
              </Caption1>
              {m.reasons.length ? (
                <ul className={styles.reasons} aria-label={`Why you and ${m.partner.displayName}`}>
                  {m.reasons.map((reason) => (
                    <li key={reason}>
                      <Body1>{reason}</Body1>
                    </li>
                  ))}
                </ul>
              ) : null}
              <MatchSessions booking={m.booking} partnerName={m.partner.displayName} />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
