import { Body1, Body1Strong, Card, Link, Persona, Subtitle2 } from '@fluentui/react-components';
import { useId } from 'react';
import type { MyMentoringPair } from '../../../contracts/sessions.ts';
import { firstName } from '../../format.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import { usePartnerCardStyles } from './PartnerCard.styles.ts';

/** Who the partner is, a way to their profile, and why Flipside paired them with the viewer. */
export function PartnerCard({ pair }: { pair: MyMentoringPair }) {
  const styles = usePartnerCardStyles();
  const headingId = useId();
  const whyId = useId();
  const { partner } = pair;
  const href = hrefFor.person(partner.id);
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        {pair.role === 'mentor' ? 'Your mentee' : 'Your mentor'}
      </Subtitle2>
      <Persona
        className={styles.persona}
        size="extra-large"
        name={partner.displayName}
        secondaryText={partner.jobTitle ?? undefined}
        tertiaryText={partner.department ?? undefined}
        avatar={{ color: 'colorful', 'aria-hidden': true }}
      />
      <Link href={href} onClick={onLinkClick(href)}>
        {firstName(partner.displayName)}&rsquo;s profile
      </Link>
      {pair.reasons.length ? (
        <>
          <Body1Strong as="h4" id={whyId} className={styles.why}>
            Why you were paired
          </Body1Strong>
          <ul className={styles.reasons} aria-labelledby={whyId}>
            {pair.reasons.map((reason) => (
              <li key={reason}>
                <Body1>{reason}</Body1>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
