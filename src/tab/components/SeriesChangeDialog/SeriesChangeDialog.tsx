import { Body1, Body1Strong, Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from '@fluentui/react-components';
import type { ProgramChangePreview } from '../../../contracts/program-life.ts';
import { useSeriesChangeDialogStyles } from './SeriesChangeDialog.styles.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export interface SeriesChangeDialogProps {
  /** What saving would do; null: the dialog is closed. */
  preview: ProgramChangePreview | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Before saving an edit to a running program: how many booked series it changes and how, per pair. */
export function SeriesChangeDialog({ preview, saving, onConfirm, onCancel }: SeriesChangeDialogProps) {
  const styles = useSeriesChangeDialogStyles();
  const changes = preview?.changes ?? [];
  const checks = changes.filter((c) => c.calendarCheck).length;
  return (
    <Dialog
      open={preview !== null}
      onOpenChange={(_event, data) => {
        if (!data.open && !saving) onCancel();
      }}
    >
      <DialogSurface aria-describedby="series-change-lead">
        <DialogBody>
          <DialogTitle>This change updates {plural(changes.length, 'booked series', 'booked series')}</DialogTitle>
          <DialogContent className={styles.body}>
            <Body1 id="series-change-lead">
              {changes.length === preview?.booked ? 'Every' : `${changes.length} of the ${preview?.booked ?? 0}`} booked meeting series will be updated in Outlook, and each pair gets one note in their
              chat saying what changed.
              {checks > 0
                ? ` ${plural(checks, 'series', 'series')} ${checks === 1 ? 'is' : 'are'} checked against both calendars first: where the new settings no longer fit, the pair is asked to find another time instead.`
                : ''}
            </Body1>
            <ul className={styles.list} aria-label="Series this change updates">
              {changes.map((c) => (
                <li key={c.mentee.id} className={styles.pair}>
                  <Body1Strong>
                    {c.mentor.displayName} → {c.mentee.displayName}
                  </Body1Strong>
                  <ul className={styles.changes}>
                    {c.summary.map((s) => (
                      <li key={s}>
                        <Body1>{s}</Body1>
                      </li>
                    ))}
                  </ul>
                  {c.calendarCheck ? <Caption1 className={styles.muted}>Checked against both calendars before it is applied.</Caption1> : null}
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" disabled={saving} onClick={onCancel}>
              Back to the form
            </Button>
            <Button appearance="primary" disabled={saving} onClick={onConfirm} icon={saving ? <Spinner size="tiny" /> : undefined}>
              Save and update {plural(changes.length, 'series', 'series')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
