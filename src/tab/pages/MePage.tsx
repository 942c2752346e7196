import { Caption1 } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import type { Me } from '../../contracts/api.ts';
import { ApiRequestError } from '../api.ts';
import { ProfileView } from '../components/ProfileView/ProfileView.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import type { Load } from '../useLoad.ts';
import { momentDateTime } from '../dates.ts';

const SYNC_RETRY_MS = 10_000;

/** The first page: the signed-in person, read from the synced directory; `children` follow the profile. */
export function MePage({ me, retry, children }: { me: Load<Me>; retry: () => void; children?: ReactNode }) {
  const syncing = me.status === 'failed' && me.error instanceof ApiRequestError && me.error.code === 'not_found';
  useAnnouncement(
    me.status === 'loading'
      ? 'Loading your profile…'
      : syncing
        ? "Your organisation's directory is still syncing."
        : me.status === 'failed'
          ? 'Could not load your profile.'
          : `Your profile, ${me.data.person.displayName}, is loaded.`,
  );
  useEffect(() => {
    document.title = me.status === 'done' ? `${me.data.person.displayName} · Flipside` : 'Flipside';
  }, [me]);
  useEffect(() => {
    if (!syncing) return;
    const timer = setTimeout(retry, SYNC_RETRY_MS);
    return () => clearTimeout(timer);
  }, [syncing, retry]);

  if (me.status === 'loading') return <Loading label="Loading your profile…" />;
  if (syncing) {
    return (
      <Notice intent="warning" title="Your organisation's directory is still syncing…" action={{ label: 'Retry now', onClick: retry }}>
        Flipside reads your profile from your organisation&rsquo;s directory, and you are not in its copy yet. This page checks again every few seconds.
      </Notice>
    );
  }
  if (me.status === 'failed') return <ErrorNotice title="Could not load your profile" error={me.error} onRetry={retry} />;
  const { directory } = me.data;
  return (
    <>
      <ProfileView profile={me.data} isMe roles={me.data.roles} />
      {children}
      <Caption1>
        Directory: {directory.people.toLocaleString('en-GB')} people
        {directory.lastSyncAt ? `, last synced ${momentDateTime(directory.lastSyncAt)}` : ''}.
      </Caption1>
    </>
  );
}
