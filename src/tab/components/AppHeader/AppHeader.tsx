import { Avatar, Badge, Button, Caption1, Link, Persona, Subtitle2 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { hrefFor, onLinkClick } from '../../router.ts';
import { useAppHeaderStyles } from './AppHeader.styles.ts';

export interface AppHeaderProps {
  /** Who is signed in, once known. */
  person?: { displayName: string; jobTitle: string | null } | undefined;
  /** The sandbox's sign-in (browser mode): offers "Switch person". */
  onSwitchPerson?: (() => void) | undefined;
  /** The sandbox's chat view as this person, opened in a new browser tab. */
  chatHref?: string | undefined;
  /** The page navigation, under the header's top row. */
  nav?: ReactNode;
}

export function AppHeader({ person, onSwitchPerson, chatHref, nav }: AppHeaderProps) {
  const styles = useAppHeaderStyles();
  return (
    <header className={styles.root}>
      <div className={styles.row}>
        <Link className={styles.brand} href={hrefFor.me()} onClick={onLinkClick(hrefFor.me())}>
          <Avatar initials="F" name="Flipside" shape="square" color="brand" size={36} aria-hidden />
          <span className={styles.brandText}>
            <Subtitle2>Flipside</Subtitle2>
            <Caption1 className={styles.tagline}>Reverse mentoring</Caption1>
          </span>
        </Link>
        <div className={styles.actions}>
          {onSwitchPerson ? (
            <Badge className={styles.sandbox} appearance="outline" color="informative">
              Sandbox tenant
            </Badge>
          ) : null}
          {chatHref ? (
            <Link className={styles.chat} href={chatHref} target="_blank" rel="noopener">
              Open my Teams chat (sandbox)<span className={styles.visuallyHidden}> (opens in a new tab)</span>
            </Link>
          ) : null}
          {person ? <Persona className={styles.who} size="small" name={person.displayName} secondaryText={person.jobTitle ?? undefined} avatar={{ color: 'colorful', 'aria-hidden': true }} /> : null}
          {onSwitchPerson ? (
            <Button appearance="secondary" onClick={onSwitchPerson}>
              Switch person
            </Button>
          ) : null}
        </div>
      </div>
      {nav ? <div className={styles.nav}>{nav}</div> : null}
    </header>
  );
}
