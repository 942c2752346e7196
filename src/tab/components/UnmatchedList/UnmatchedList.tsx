import {
  Body1,
  Button,
  Caption1,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Option,
  Spinner,
  mergeClasses,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PersonSummary } from '../../../contracts/api.ts';
import type { MatchingProposal } from '../../../contracts/matching.ts';
import { ApiRequestError } from '../../api.ts';
import { sentence } from '../../fieldErrors.ts';
import { subtitle } from '../../format.ts';
import { ErrorNotice } from '../Status/Status.tsx';
import { useUnmatchedListStyles } from './UnmatchedList.styles.ts';

export interface UnmatchedListProps {
  unmatched: MatchingProposal['unmatched'];
  /** Mentors to choose from when assigning by hand. */
  mentors: PersonSummary[];
  readOnly: boolean;
  /** Rejects with the server's error (a broken must-rule comes back on `mentorId`). */
  onAssign: (menteeId: string, mentorId: string) => Promise<unknown>;
  dimmed?: boolean;
}

/** Mentees nobody fits, each with the reason in words and "Assign by hand". */
export function UnmatchedList({ unmatched, mentors, readOnly, onAssign, dimmed = false }: UnmatchedListProps) {
  const styles = useUnmatchedListStyles();
  return (
    <ul className={mergeClasses(styles.list, dimmed && styles.dimmed)} aria-label="Unmatched mentees">
      {unmatched.map(({ person, reason }) => {
        const sub = subtitle(person);
        return (
          <li key={person.id} className={styles.item}>
            <div className={styles.text}>
              <Body1 className={styles.name}>{person.displayName}</Body1>
              {sub ? <Caption1 className={styles.muted}>{sub}</Caption1> : null}
              <Body1 className={styles.reason}>{sentence(reason, undefined, undefined)}</Body1>
            </div>
            {readOnly ? null : <AssignDialog mentee={person} mentors={mentors} onAssign={onAssign} />}
          </li>
        );
      })}
    </ul>
  );
}

function AssignDialog({ mentee, mentors, onAssign }: { mentee: PersonSummary; mentors: PersonSummary[]; onAssign: UnmatchedListProps['onAssign'] }) {
  const styles = useUnmatchedListStyles();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);

  const selected = mentors.find((m) => m.id === mentorId);
  const needle = query.trim().toLowerCase();
  const shown = !needle || selected?.displayName === query ? mentors : mentors.filter((m) => `${m.displayName} ${subtitle(m)}`.toLowerCase().includes(needle));

  const reset = () => {
    setQuery('');
    setMentorId(null);
    setFieldError(null);
    setFormError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mentorId) {
      setFieldError('Choose a mentor from the list.');
      return;
    }
    setBusy(true);
    setFieldError(null);
    setFormError(null);
    onAssign(mentee.id, mentorId).then(
      () => {
        setBusy(false);
        setOpen(false);
        reset();
      },
      (error: unknown) => {
        setBusy(false);
        if (error instanceof ApiRequestError && error.field === 'mentorId' && error.status >= 400 && error.status < 500) setFieldError(sentence(error.message, error.field, 'The mentor'));
        else setFormError(error);
      },
    );
  };
  const fieldId = `assign-mentor-${mentee.id}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (busy) return;
        setOpen(data.open);
        if (!data.open) reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" aria-label={`Assign by hand to ${mentee.displayName}`}>
          Assign by hand
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <form onSubmit={submit} aria-label={`Assign a mentor to ${mentee.displayName}`}>
          <DialogBody>
            <DialogTitle>Assign a mentor to {mentee.displayName}</DialogTitle>
            <DialogContent className={styles.dialogForm}>
              <Body1>The program&rsquo;s rules still apply: a mentor in {mentee.displayName}&rsquo;s reporting line, or one at capacity, is refused with the reason.</Body1>
              <Field
                label="Mentor"
                id={fieldId}
                required
                validationState={fieldError ? 'error' : 'none'}
                validationMessage={fieldError ?? undefined}
                hint={mentors.length ? undefined : 'No mentors in this proposal yet: run matching first.'}
              >
                <Combobox
                  placeholder="Type a name"
                  value={query}
                  selectedOptions={mentorId ? [mentorId] : []}
                  onChange={(event) => {
                    setQuery(event.target.value);
                    setMentorId(null);
                  }}
                  onOptionSelect={(_event, data) => {
                    setMentorId(data.optionValue ?? null);
                    setQuery(data.optionText ?? '');
                    setFieldError(null);
                  }}
                >
                  {shown.map((m) => (
                    <Option key={m.id} value={m.id} text={m.displayName}>
                      {m.displayName}
                      {subtitle(m) ? ` · ${subtitle(m)}` : ''}
                    </Option>
                  ))}
                  {shown.length === 0 ? (
                    <Option disabled value="" text="">
                      No mentor matches “{query}”
                    </Option>
                  ) : null}
                </Combobox>
              </Field>
              {formError ? <ErrorNotice title="Not assigned" error={formError} /> : null}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary" disabled={busy}>
                  Cancel
                </Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                Assign
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
