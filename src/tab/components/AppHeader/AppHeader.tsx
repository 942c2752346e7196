import { Avatar, Badge, Button, Caption1, Link, Persona, Subtitle2 } from '@fluentui/react-components';
import { hrefFor, onLinkClick } from '../../router.ts';
import { useAppHeaderStyles } from './AppHeader.styles.ts';

export interface AppHeaderProps {
  /** Who is signed in, once known. */
  person?: { displayName: string; jobTitle: string | null } | undefined;
  /** The sandbox's sign-in (browser mode): offers "Switch person". */
  onSwitchPerson?: (() => void) | undefined;
}

export function AppHeader({ person, onSwitchPerson }: AppHeaderProps) {
  const styles = useAppHeaderStyles();
  return (
    <header className={styles.root}>
      <Link className={styles.brand} href={hrefFor.me()} onClick={onLinkClick(hrefFor.me())}>
        <Avatar initials="F" name="Flipside" shape="square" color="brand" size={36} aria-hidden />
        <span className={styles.brandText}>
          <Subtitle2>Flipside</Subtitle2>
          <Caption1 className={styles.tagline}>Reverse mentoring</Caption1>
        </span>
      </Link>
      <div className={styles.actions}>
        {onSwitchPerson ? <Badge className={styles.sandbox} appearance="outline" color="informative">Sandbox tenant</Badge> : null}
        {person ? (
          <Persona className={styles.who} size="small" name={person.displayName} secondaryText={person.jobTitle ?? undefined} avatar={{ color: 'colorful', 'aria-hidden': true }} />
        ) : null}
        {onSwitchPerson ? <Button appearance="secondary" onClick={onSwitchPerson}>Switch person</Button> : null}
      </div>
    </header>
  );
}
