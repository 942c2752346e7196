import { Card, Link, Persona, mergeClasses } from '@fluentui/react-components';
import type { PersonSummary } from '../../../contracts/api.ts';
import { subtitle } from '../../format.ts';
import { hrefFor, onLinkClick } from '../../router.ts';
import { usePersonLinkCardStyles } from './PersonLinkCard.styles.ts';

export interface PersonLinkCardProps {
  person: PersonSummary;
  size?: 'medium' | 'large';
  className?: string;
}

/** A person as a card that opens their profile. */
export function PersonLinkCard({ person, size = 'medium', className }: PersonLinkCardProps) {
  const styles = usePersonLinkCardStyles();
  const href = hrefFor.person(person.id);
  return (
    <Card className={mergeClasses(styles.root, className)} appearance="outline">
      <Persona
        size={size}
        name={person.displayName}
        avatar={{ color: 'colorful', 'aria-hidden': true }}
        primaryText={{
          children: (
            <Link className={styles.link} href={href} onClick={onLinkClick(href)}>
              {person.displayName}
            </Link>
          ),
        }}
        secondaryText={subtitle(person) || undefined}
      />
    </Card>
  );
}
