import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { Enrollment } from '../../../contracts/programs.ts';
import type { ApiClient } from '../../api.ts';
import { ErrorNotice } from '../Status/Status.tsx';
import { useEnrollmentSummaryStyles } from './EnrollmentSummary.styles.ts';

/** Withdraw, after a dialog that says what it does. */
export function WithdrawButton({ enrollment, programName, api, onChanged }: { enrollment: Enrollment; programName: string | undefined; api: ApiClient; onChanged: (e: Enrollment) => void }) {
  const styles = useEnrollmentSummaryStyles();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const withdraw = () => {
    setBusy(true);
    setError(null);
    api.withdrawEnrollment(enrollment.id).then(
      (updated) => {
        setBusy(false);
        setOpen(false);
        onChanged(updated);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!busy) setOpen(data.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="secondary">Withdraw</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Withdraw from {programName ?? 'this program'}?</DialogTitle>
          <DialogContent>
            <Body1>
              {enrollment.status === 'pending'
                ? 'Your approver’s request will say you withdrew, and nothing more is asked of them.'
                : 'You will not be matched, and your approver’s card will say you withdrew.'}{' '}
              You can enroll again while enrollment is open.
            </Body1>
            {error ? (
              <div className={styles.dialogError}>
                <ErrorNotice title="Could not withdraw" error={error} />
              </div>
            ) : null}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={busy}>
                Keep my enrollment
              </Button>
            </DialogTrigger>
            <Button appearance="primary" onClick={withdraw} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
              Withdraw
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
