import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  ToggleButton,
  mergeClasses,
} from '@fluentui/react-components';
import { LockClosedRegular, LockOpenRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { PersonSummary } from '../../../contracts/api.ts';
import type { ProposedPair } from '../../../contracts/matching.ts';
import { firstName, subtitle } from '../../format.ts';
import { useStackedTableStyles } from '../stackedTable.styles.ts';
import { usePairListStyles } from './PairList.styles.ts';

/** "Ana Silva and Raj Patel": how buttons and messages name a pair. */
export const pairName = (pair: { mentor: PersonSummary; mentee: PersonSummary }): string => `${pair.mentor.displayName} and ${pair.mentee.displayName}`;

/** A 0..1 score as a whole percentage. */
export const percent = (score: number): number => Math.round(Math.min(1, Math.max(0, score)) * 100);

export interface PairListProps {
  pairs: ProposedPair[];
  /** Published (or busy running): no lock, remove or assign. */
  readOnly: boolean;
  /** The mentee id of the pair whose change is on its way to the server. */
  busyMenteeId: string | null;
  onLock: (pair: ProposedPair, locked: boolean) => void;
  /** A failure shows on the page, not here. */
  onRemove: (pair: ProposedPair) => Promise<void>;
  /** Matching is running again: the old proposal stays visible, dimmed. */
  dimmed?: boolean;
}

function PersonCell({ person, badges }: { person: PersonSummary; badges?: ReactNode | undefined }) {
  const styles = usePairListStyles();
  const sub = subtitle(person);
  return (
    <div className={styles.person}>
      <Body1 className={styles.name}>{person.displayName}</Body1>
      {sub ? <Caption1 className={styles.muted}>{sub}</Caption1> : null}
      {badges}
    </div>
  );
}

/** The proposed pairs as a table: mentor → mentee, score, reasons, and Lock / Remove per pair. */
export function PairList({ pairs, readOnly, busyMenteeId, onLock, onRemove, dimmed = false }: PairListProps) {
  const styles = usePairListStyles();
  const stacked = useStackedTableStyles();
  return (
    <Table aria-label="Proposed pairs" className={mergeClasses(styles.table, stacked.table, dimmed && styles.dimmed)}>
      <TableHeader className={stacked.header}>
        <TableRow>
          <TableHeaderCell>Mentor</TableHeaderCell>
          <TableHeaderCell className={styles.arrow}>
            <span aria-hidden="true">→</span>
          </TableHeaderCell>
          <TableHeaderCell>Mentee</TableHeaderCell>
          <TableHeaderCell>Score</TableHeaderCell>
          <TableHeaderCell>Why this pair</TableHeaderCell>
          {readOnly ? null : <TableHeaderCell>Actions</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody className={stacked.body}>
        {pairs.map((pair) => {
          const busy = busyMenteeId === pair.mentee.id;
          const badges = pair.published ? (
            <div className={styles.badges}>
              <Badge appearance="tint" color="success" size="small">
                Published
              </Badge>
            </div>
          ) : pair.locked || pair.manual ? (
            <div className={styles.badges}>
              {pair.manual ? (
                <Badge appearance="tint" color="informative" size="small">
                  Manual
                </Badge>
              ) : null}
              {pair.locked ? (
                <Badge appearance="tint" color="brand" size="small">
                  Locked
                </Badge>
              ) : null}
            </div>
          ) : undefined;
          return (
            <TableRow key={pair.mentee.id} className={stacked.row} aria-busy={busy || undefined}>
              <TableCell className={stacked.cell} data-label="Mentor">
                <PersonCell person={pair.mentor} badges={badges} />
              </TableCell>
              <TableCell className={mergeClasses(styles.arrow, stacked.wideOnly)}>
                <span aria-hidden="true">→</span>
              </TableCell>
              <TableCell className={stacked.cell} data-label="Mentee">
                <PersonCell person={pair.mentee} />
              </TableCell>
              <TableCell className={stacked.cell} data-label="Score">
                <div className={styles.score}>
                  <Body1>{percent(pair.score)}%</Body1>
                  <div className={styles.track} aria-hidden="true">
                    <div className={styles.fill} style={{ width: `${percent(pair.score)}%` }} />
                  </div>
                </div>
              </TableCell>
              <TableCell className={stacked.cell} data-label="Why this pair">
                {pair.reasons.length ? (
                  <ul className={styles.reasons}>
                    {pair.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                ) : (
                  <Caption1 className={styles.muted}>Assigned by hand</Caption1>
                )}
              </TableCell>
              {readOnly ? null : pair.published ? (
                <TableCell className={stacked.cell}>
                  <Caption1 className={styles.muted}>Published earlier: kept as it is</Caption1>
                </TableCell>
              ) : (
                <TableCell className={stacked.cell}>
                  <div className={styles.actions}>
                    <ToggleButton
                      size="small"
                      checked={pair.locked}
                      disabled={busy}
                      aria-label={`Lock ${pairName(pair)}`}
                      // The button's name and pressed state say it; the icon only shows it.
                      icon={pair.locked ? <LockClosedRegular /> : <LockOpenRegular />}
                      onClick={() => onLock(pair, !pair.locked)}
                    >
                      Lock
                    </ToggleButton>
                    <RemovePair pair={pair} disabled={busy} onRemove={onRemove} />
                    {busy ? <Spinner size="extra-tiny" aria-label={`Saving ${pairName(pair)}`} /> : null}
                  </div>
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function RemovePair({ pair, disabled, onRemove }: { pair: ProposedPair; disabled: boolean; onRemove: PairListProps['onRemove'] }) {
  const [open, setOpen] = useState(false);
  // Close first: once the server answers, this row (and a dialog still open in it) is gone, and a
  // Fluent dialog unmounted while open leaves its portal covering the page. The row shows the wait.
  const remove = () => {
    setOpen(false);
    void onRemove(pair);
  };
  return (
    <Dialog open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" disabled={disabled} aria-label={`Remove ${pairName(pair)}`}>
          Remove
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Remove {pairName(pair)}?</DialogTitle>
          <DialogContent>
            <Body1>
              {firstName(pair.mentee.displayName)} becomes unmatched until matching runs again, and this pair is never proposed again in this program.
              {pair.locked ? ' The pair is locked: removing it unlocks it too.' : ''}
            </Body1>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Keep the pair</Button>
            </DialogTrigger>
            <Button appearance="primary" onClick={remove}>
              Remove pair
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
