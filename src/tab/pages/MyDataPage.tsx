import { Body1, Button, Card, CardHeader, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ErasureStatus } from '../../contracts/privacy.ts';
import type { ApiClient } from '../api.ts';
import { useAnnouncement } from '../components/Announcer/Announcer.tsx';
import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { ErrorNotice, Loading, Notice } from '../components/Status/Status.tsx';
import { useLoad } from '../useLoad.ts';
import { usePageStyles } from './pages.styles.ts';
import { useMyDataStyles } from './MyDataPage.styles.ts';

/** Saves `data` as a JSON file through the browser's own download. */
function saveJson(data: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STATE_TEXT: Record<Exclude<ErasureStatus['state'], 'none'>, { title: string; body: string }> = {
  waiting: {
    title: 'You are leaving Flipside',
    body: 'You are withdrawn from every program. Flipside is cancelling your future meetings in Outlook and telling your partner; then it deletes your data. A card in your chat with Flipside says when it is done.',
  },
  erased: { title: 'Your data is deleted', body: 'A card in your chat with Flipside confirms it. Nothing else is sent to you.' },
  done: { title: 'Your data is deleted', body: 'Flipside no longer holds anything about you.' },
};

/** "My data": download everything Flipside holds about me; leave and delete. */
export function MyDataPage({ api }: { api: ApiClient }) {
  const page = usePageStyles();
  const styles = useMyDataStyles();
  const status = useLoad(() => api.erasureStatus(), 'erasure');
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloaded, setDownloaded] = useState(false);
  const [open, setOpen] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [eraseError, setEraseError] = useState<unknown>(null);
  const [asked, setAsked] = useState<ErasureStatus | null>(null);
  useEffect(() => {
    document.title = 'My data · Flipside';
  }, []);
  const state = asked?.state ?? (status.status === 'done' ? status.data.state : 'none');
  useAnnouncement(asked ? 'Your request to leave and delete your data is in.' : downloaded ? 'Your data is downloaded.' : status.status === 'loading' ? 'Loading My data…' : 'My data');

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      saveJson(await api.myData(), 'flipside-my-data.json');
      setDownloaded(true);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };
  const erase = async () => {
    setErasing(true);
    setEraseError(null);
    try {
      setAsked(await api.requestErasure());
      setOpen(false);
    } catch (error) {
      setEraseError(error);
    } finally {
      setErasing(false);
    }
  };

  return (
    <>
      <PageHeader title="My data" lead="What Flipside holds about you: take a copy, or leave and have it deleted." />
      <Card className={page.card}>
        <CardHeader header={<Subtitle2 as="h2">Download my data</Subtitle2>} />
        <Body1>
          One JSON file with everything Flipside holds about you: your profile as synced from your organisation&rsquo;s directory, your enrollments and goals, your matches, meetings and sessions, your
          own feedback and action items, and the cards Flipside sent you. Your partners&rsquo; private answers are theirs and are not in it.
        </Body1>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void download()} disabled={downloading}>
            {downloading ? 'Preparing your file…' : 'Download my data'}
          </Button>
        </div>
        {downloaded ? (
          <Notice intent="success" title="Downloaded">
            Your browser saved flipside-my-data.json.
          </Notice>
        ) : null}
        {downloadError ? <ErrorNotice title="Could not download your data" error={downloadError} onRetry={() => void download()} /> : null}
      </Card>

      <Card className={page.card}>
        <CardHeader header={<Subtitle2 as="h2">Leave and delete</Subtitle2>} />
        {status.status === 'loading' ? <Loading label="Loading…" /> : null}
        {status.status === 'failed' ? <ErrorNotice title="Could not check your data" error={status.error} onRetry={status.retry} /> : null}
        {state !== 'none' ? (
          <Notice intent={state === 'waiting' ? 'info' : 'success'} title={STATE_TEXT[state].title}>
            {STATE_TEXT[state].body}
          </Notice>
        ) : status.status === 'done' ? (
          <>
            <Body1>Leaving and deleting your data:</Body1>
            <ul className={styles.list}>
              <li>withdraws you from every program you are in;</li>
              <li>cancels your future mentoring meetings in Outlook, and tells your partner in your pair&rsquo;s chat that you left;</li>
              <li>deletes your enrollments&rsquo; goals, your feedback, your notes and action items, and removes you from matching drafts;</li>
              <li>keeps counts already in a program&rsquo;s figures (such as sessions held), without your name.</li>
            </ul>
            <Body1>A card in your chat with Flipside confirms when it is done. It cannot be undone; you can enroll again later as someone new.</Body1>
            <div className={styles.actions}>
              <Dialog open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
                <DialogTrigger disableButtonEnhancement>
                  <Button className={styles.danger}>Leave and delete my data…</Button>
                </DialogTrigger>
                <DialogSurface aria-describedby="erase-dialog-body">
                  <DialogBody>
                    <DialogTitle>Leave every program and delete your data?</DialogTitle>
                    <DialogContent id="erase-dialog-body">
                      Your future meetings are cancelled, your partner is told you left, and your goals, feedback and notes are deleted. This cannot be undone.
                      {eraseError ? <ErrorNotice title="Could not start the deletion" error={eraseError} /> : null}
                    </DialogContent>
                    <DialogActions>
                      <DialogTrigger disableButtonEnhancement>
                        <Button appearance="secondary">Cancel</Button>
                      </DialogTrigger>
                      <Button appearance="primary" onClick={() => void erase()} disabled={erasing}>
                        {erasing ? 'Deleting…' : 'Leave and delete'}
                      </Button>
                    </DialogActions>
                  </DialogBody>
                </DialogSurface>
              </Dialog>
            </div>
          </>
        ) : null}
      </Card>
    </>
  );
}
