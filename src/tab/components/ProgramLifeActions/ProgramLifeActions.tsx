import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Program } from '../../../contracts/programs.ts';
import type { ApiClient } from '../../api.ts';
import { ErrorNotice } from '../Status/Status.tsx';
import { useProgramLifeActionsStyles } from './ProgramLifeActions.styles.ts';
import { hrApi } from '../../hrApi.ts';

type Action = 'archive' | 'restore' | 'delete';

const TEXT: Record<Action, { button: string; title: (name: string) => string; body: string; confirm: string; done: (name: string) => string }> = {
  archive: {
    button: 'Archive',
    title: (name) => `Archive ${name}?`,
    body: 'Employees no longer see it in their programs, and nobody can enroll. Its enrollments, pairs, sessions and feedback stay, so its dashboard and audit log keep working for reports. You can bring it back later.',
    confirm: 'Archive',
    done: (name) => `${name} is archived.`,
  },
  restore: {
    button: 'Bring back',
    title: (name) => `Bring back ${name}?`,
    body: 'Employees see it in their programs again, as before it was archived.',
    confirm: 'Bring back',
    done: (name) => `${name} is back in employees’ programs.`,
  },
  delete: {
    button: 'Delete',
    title: (name) => `Delete ${name}?`,
    body: 'Nobody has enrolled in it, so nothing else is lost: the program and its matching draft are deleted for good. This cannot be undone.',
    confirm: 'Delete for good',
    done: (name) => `${name} is deleted.`,
  },
};

/**
 * Archive (or bring back) and delete for one program in the admin's list, each behind a
 * confirmation. Delete is offered only while nobody has ever enrolled; the server refuses it otherwise too.
 */
export function ProgramLifeActions({ program, api, onDone }: { program: Program; api: ApiClient; onDone: (message: string) => void }) {
  const styles = useProgramLifeActionsStyles();
  const leadId = useId();
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mayDelete = program.counts !== undefined && program.counts.enrolled === 0;
  const archived = Boolean(program.archivedAt);

  const close = () => {
    if (busy) return;
    setOpen(null);
    setError(null);
  };
  const confirm = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'delete') await hrApi(api).deleteProgram(program.id);
      else await hrApi(api).archiveProgram(program.id, action === 'archive');
      setOpen(null);
      onDone(TEXT[action].done(program.name));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const text = open ? TEXT[open] : null;
  return (
    <>
      <Button size="small" aria-label={`${archived ? 'Bring back' : 'Archive'} ${program.name}`} onClick={() => setOpen(archived ? 'restore' : 'archive')}>
        {archived ? TEXT.restore.button : TEXT.archive.button}
      </Button>
      {mayDelete ? (
        <>
          {' '}
          <Button size="small" className={styles.danger} aria-label={`Delete ${program.name}`} onClick={() => setOpen('delete')}>
            Delete
          </Button>
        </>
      ) : null}
      <Dialog
        open={open !== null}
        modalType="alert"
        onOpenChange={(_event, data) => {
          if (!data.open) close();
        }}
      >
        <DialogSurface aria-describedby={leadId}>
          {open && text ? (
            <DialogBody>
              <DialogTitle>{text.title(program.name)}</DialogTitle>
              <DialogContent className={styles.body}>
                <Body1 id={leadId}>{text.body}</Body1>
                {error ? <ErrorNotice title={`Could not ${text.confirm.toLowerCase()}`} error={error} /> : null}
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" disabled={busy} onClick={close}>
                  Cancel
                </Button>
                <Button appearance="primary" disabled={busy} onClick={() => void confirm(open)} icon={busy ? <Spinner size="tiny" /> : undefined}>
                  {text.confirm}
                </Button>
              </DialogActions>
            </DialogBody>
          ) : null}
        </DialogSurface>
      </Dialog>
    </>
  );
}
