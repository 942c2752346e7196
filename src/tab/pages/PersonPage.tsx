import { Link } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ApiClient } from '../api.ts';
import { ProfileView } from '../components/ProfileView/ProfileView.tsx';
import { ErrorNotice, Loading } from '../components/Status/Status.tsx';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { goBack } from '../router.ts';
import { useLoad } from '../useLoad.ts';

/** Someone else's profile, at /people/:id. */
export function PersonPage({ api, id, myId }: { api: ApiClient; id: string; myId: string | undefined }) {
  const profile = useLoad(() => api.person(id), id);
  useAnnouncement(profile.status === 'loading' ? 'Loading profile…' : profile.status === 'failed' ? 'Could not load this profile.' : `Profile of ${profile.data.person.displayName} loaded.`);
  useEffect(() => {
    document.title = profile.status === 'done' ? `${profile.data.person.displayName} · Flipside` : 'Flipside';
  }, [profile.status, profile]);
  return (
    <>
      <Link
        href="/"
        onClick={(event) => {
          event.preventDefault();
          goBack();
        }}
      >
        ← Back
      </Link>
      {profile.status === 'loading' ? <Loading label="Loading profile…" /> : null}
      {profile.status === 'failed' ? <ErrorNotice title="Could not load this profile" error={profile.error} onRetry={profile.retry} /> : null}
      {profile.status === 'done' ? <ProfileView profile={profile.data} isMe={profile.data.person.id === myId} /> : null}
    </>
  );
}
