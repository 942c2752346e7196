import { Body1, Button, Caption1, Link, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import { PageHeader } from '../PageHeader/PageHeader.tsx';
import { Notice } from '../Status/Status.tsx';
import { useConsentPromptStyles } from './ConsentPrompt.styles.ts';

export interface ConsentPromptProps {
  /** Opens Entra ID's consent page in the host's popup; resolves once the person consented. */
  consent(): Promise<void>;
  /** Called once consent is given: the tab signs in again. */
  onConsented(): void;
}

// The host's answer when the person closes the popup, and Entra ID's when they decline.
const DECLINED = /CancelledByUser|access_denied/i;

/**
 * What the tab shows when Teams SSO (or the server's on-behalf-of exchange) says consent is needed:
 * what Flipside asks for, in words, and a Continue button that opens Microsoft's consent page.
 * The permissions listed are the ones server/consent.ts asks Entra ID for.
 */
export function ConsentPrompt({ consent, onConsented }: ConsentPromptProps) {
  const styles = useConsentPromptStyles();
  const [state, setState] = useState<{ status: 'idle' | 'waiting' } | { status: 'failed'; declined: boolean; reason: string }>({ status: 'idle' });
  useAnnouncement(state.status === 'waiting' ? 'Waiting for the Microsoft consent window…' : 'Flipside needs your consent before it can open.');

  const start = () => {
    setState({ status: 'waiting' });
    consent().then(onConsented, (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn('Flipside: consent did not complete.', error);
      setState({ status: 'failed', declined: DECLINED.test(reason), reason });
    });
  };

  return (
    <section className={styles.root}>
      <PageHeader title="Allow Flipside to sign you in" lead="Microsoft asks for your consent once before Flipside can open for you. Flipside asks for two permissions:" />
      <ul className={styles.permissions}>
        <li>
          <Body1>
            <strong>Use Flipside as you</strong> — Teams, Outlook and the Microsoft 365 app sign you in to Flipside with your work account, so Flipside knows who you are.
          </Body1>
        </li>
        <li>
          <Body1>
            <strong>Sign you in and read your profile</strong> (Microsoft Graph, User.Read) — your name and work account, the permission every app you sign in to with Microsoft asks for.
          </Body1>
        </li>
      </ul>
      <Body1>
        Neither lets Flipside read your mail, files or chats. What Flipside does for the programme (reading the directory, finding meeting times, messaging you in Teams) your organisation&rsquo;s
        admin approves separately.{' '}
        <Link href="/privacy" target="_blank" rel="noopener">
          What Flipside stores
        </Link>
      </Body1>
      {state.status === 'failed' ? (
        <Notice intent="warning" title={state.declined ? 'Consent was not given' : 'Consent did not complete'}>
          {state.declined ? 'Flipside cannot open without it. Choose Continue to try again.' : `The Microsoft window answered “${state.reason}”. Choose Continue to try again.`} If the Microsoft window
          says you need an admin&rsquo;s approval, ask your Teams admin to grant consent for Flipside for the whole organisation.
        </Notice>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={start} disabled={state.status === 'waiting'}>
          Continue
        </Button>
        {state.status === 'waiting' ? (
          <Spinner size="tiny" label="Waiting for the Microsoft window…" />
        ) : (
          <Caption1 className={styles.hint}>Continue opens a Microsoft window where you review and accept them.</Caption1>
        )}
      </div>
    </section>
  );
}
