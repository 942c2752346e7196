import { Body1, Field, SearchBox, Subtitle1, Title1 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { SandboxPerson } from '../../../contracts/api.ts';
import { ApiRequestError } from '../../api.ts';
import { sandboxClient } from '../../sandboxApi.ts';
import { PersonaCard } from '../PersonaCard/PersonaCard.tsx';
import { ErrorNotice, Loading, Notice } from '../Status/Status.tsx';
import { usePersonPickerStyles } from './PersonPicker.styles.ts';

export interface PersonPickerProps {
  /** Why the picker is showing again, e.g. an expired session. */
  reason?: string | undefined;
  onSignedIn: (token: { accessToken: string; expiresIn: number }, person: SandboxPerson) => void;
}

type People = { status: 'loading' } | { status: 'done'; people: SandboxPerson[] } | { status: 'failed'; error: unknown };

const SEARCH_DELAY_MS = 250;

/** "Who are you?": the sandbox tenant's sign-in, standing in for Teams SSO in a plain browser. */
export function PersonPicker({ reason, onSignedIn }: PersonPickerProps) {
  const styles = usePersonPickerStyles();
  const [search, setSearch] = useState('');
  const [people, setPeople] = useState<People>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [signingIn, setSigningIn] = useState<SandboxPerson | null>(null);
  const [signInError, setSignInError] = useState<unknown>(null);

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(
      () => {
        sandboxClient.people(search, abort.signal).then(
          (found) => setPeople({ status: 'done', people: found }),
          (error: unknown) => {
            if (!abort.signal.aborted) setPeople({ status: 'failed', error });
          },
        );
      },
      search ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [search, attempt]);

  const pick = (person: SandboxPerson) => {
    setSigningIn(person);
    setSignInError(null);
    sandboxClient.signIn(person.id).then(
      (token) => onSignedIn(token, person),
      (error: unknown) => {
        setSigningIn(null);
        setSignInError(error);
      },
    );
  };

  // Tenant mode has no sandbox: the only way in is Teams SSO.
  if (people.status === 'failed' && people.error instanceof ApiRequestError && people.error.status === 404) {
    return (
      <div className={styles.intro}>
        <Title1 as="h1" className={styles.title}>
          Open Flipside in Microsoft Teams
        </Title1>
        <Body1 className={styles.lead}>Flipside signs you in with your Microsoft 365 account through Teams. Open the Flipside app in Microsoft Teams to see your profile.</Body1>
      </div>
    );
  }

  const featured = search ? [] : people.status === 'done' ? people.people.filter((p) => p.persona) : [];
  const others = people.status === 'done' ? people.people.filter((p) => search || !p.persona) : [];
  const grid = (list: SandboxPerson[]) => (
    <ul className={styles.grid}>
      {list.map((p) => (
        <li key={p.id}>
          <PersonaCard person={p} busy={signingIn !== null} onPick={pick} />
        </li>
      ))}
    </ul>
  );

  return (
    <div className={styles.root}>
      <div className={styles.intro}>
        <Title1 as="h1" className={styles.title}>
          Who are you?
        </Title1>
        <Body1 className={styles.lead}>You are in Flipside&rsquo;s sandbox tenant: a generated organisation that stands in for your Microsoft 365 directory. Pick anyone to sign in as them.</Body1>
      </div>

      <div>
        <Field label="Search people" className={styles.search}>
          <SearchBox className={styles.searchBox} placeholder="Name, job title or department" value={search} onChange={(_event, data) => setSearch(data.value)} />
        </Field>
        <div aria-live="polite" role="status" className={styles.status}>
          {reason ? (
            <Notice intent="info" title="Signed out">
              {reason}
            </Notice>
          ) : null}
          {signingIn ? <Loading label={`Signing in as ${signingIn.displayName}…`} /> : null}
        </div>
        <div aria-live="assertive" className={styles.status}>
          {signInError ? <ErrorNotice title="Could not sign in" error={signInError} /> : null}
        </div>
      </div>

      {people.status === 'loading' ? <Loading label="Loading people…" /> : null}
      {people.status === 'failed' ? <ErrorNotice title="Could not load people" error={people.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}

      {featured.length ? (
        <section className={styles.section} aria-labelledby="personas-heading">
          <Subtitle1 as="h2" id="personas-heading" className={styles.sectionTitle}>
            Personas with something special
          </Subtitle1>
          {grid(featured)}
        </section>
      ) : null}
      {people.status === 'done' ? (
        <section className={styles.section} aria-labelledby="people-heading">
          <Subtitle1 as="h2" id="people-heading" className={styles.sectionTitle}>
            {search ? `People matching “${search.trim()}”` : 'Everyone else'}
          </Subtitle1>
          {others.length ? grid(others) : <Body1 className={styles.muted}>Nobody matches &ldquo;{search.trim()}&rdquo;. Try part of a name, a job title or a department.</Body1>}
        </section>
      ) : null}
    </div>
  );
}
