import { Badge, Card, Persona, mergeClasses, type BadgeProps } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { SandboxPerson } from '../../../contracts/api.ts';
import { usePersonaCardStyles } from './PersonaCard.styles.ts';

/** What is special about each named persona of the sandbox tenant. */
const PERSONAS: Record<string, { label: string; color: BadgeProps['color'] }> = {
  ceo: { label: 'CEO · Top of the organisation', color: 'brand' },
  hrAdmin: { label: 'HR · Program admin', color: 'brand' },
  noManager: { label: 'No manager', color: 'informative' },
  disabled: { label: 'Account disabled', color: 'danger' },
  mailboxError: { label: 'Calendar errors', color: 'severe' },
  fullCalendar: { label: 'Calendar almost full', color: 'warning' },
  changesManager: { label: 'Changes manager', color: 'informative' },
};

export interface PersonaCardProps {
  person: SandboxPerson;
  busy: boolean;
  onPick: (person: SandboxPerson) => void;
}

/** One sandbox person in the picker: a button that signs in as them. */
export function PersonaCard({ person, busy, onPick }: PersonaCardProps) {
  const styles = usePersonaCardStyles();
  const persona = person.persona ? PERSONAS[person.persona] : undefined;
  const badges = [...(persona ? [persona] : []), ...(!person.accountEnabled && person.persona !== 'disabled' ? [PERSONAS.disabled!] : [])];
  const pick = () => {
    if (!busy) onPick(person);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick();
    }
  };
  return (
    <Card role="button" tabIndex={0} focusMode="off" aria-disabled={busy || undefined} className={mergeClasses(styles.root, busy && styles.busy)} onClick={pick} onKeyDown={onKeyDown}>
      <Persona
        size="large"
        name={person.displayName}
        avatar={{ color: 'colorful', 'aria-hidden': true }}
        secondaryText={person.jobTitle}
        tertiaryText={`${person.department} · ${person.officeLocation}`}
      />
      {badges.length ? (
        <div className={styles.footer}>
          {badges.map((b) => (
            <Badge key={b.label} appearance="tint" color={b.color} shape="rounded">
              {b.label}
            </Badge>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
