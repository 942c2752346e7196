import { Caption1, Card, mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { MatchingProposal } from '../../../contracts/matching.ts';
import { usePoolStatsStyles } from './PoolStats.styles.ts';
import { momentDateTime } from '../../dates.ts';

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * "proven optimal" or "within 0.4 % of the best": the solver's certified gap (in score units,
 * an upper bound on best total − this total) as a share of the best possible total.
 */
export function optimalityText(proposal: Pick<MatchingProposal, 'pairs' | 'stats'>): string {
  const { optimalityGap } = proposal.stats;
  if (optimalityGap <= 0) return 'Proven optimal';
  const total = proposal.pairs.reduce((sum, p) => sum + p.score, 0);
  const share = (optimalityGap / (total + optimalityGap)) * 100;
  const shown = share >= 1 ? share.toFixed(0) : share >= 0.1 ? share.toFixed(1) : share.toFixed(2);
  return `Within ${shown === '0.00' ? '0.01' : shown} % of the best`;
}

export interface PoolStatsProps {
  proposal: MatchingProposal;
  /** Run again, Publish: on the right of the numbers. */
  actions?: ReactNode;
  /** Under the numbers, left: e.g. what running again keeps. */
  note?: ReactNode;
  dimmed?: boolean;
}

/** The pool and the result in a compact row of numbers: mentors, mentees, eligible pairs, matched, quality. */
export function PoolStats({ proposal, actions, note, dimmed = false }: PoolStatsProps) {
  const styles = usePoolStatsStyles();
  const { stats } = proposal;
  const items: Array<[string, string]> = [
    ['Mentors', count(stats.mentors)],
    ['Mentees', count(stats.mentees)],
    ['Eligible pairs', count(stats.eligiblePairs)],
    ['Matched', `${count(stats.matched)} of ${count(stats.mentees)}`],
    ['Quality', optimalityText(proposal)],
  ];
  const seconds = stats.milliseconds >= 1000 ? `${(stats.milliseconds / 1000).toFixed(1)} s` : `${Math.max(1, Math.round(stats.milliseconds))} ms`;
  return (
    <Card className={styles.root} aria-label="Pool and result">
      <div className={styles.top}>
        <dl className={mergeClasses(styles.stats, dimmed && styles.dimmed)}>
          {items.map(([label, value]) => (
            <div key={label} className={styles.stat}>
              <dt className={styles.label}>{label}</dt>
              <dd className={styles.value}>{value}</dd>
            </div>
          ))}
        </dl>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </div>
      <div className={styles.footer}>
        <Caption1>{note}</Caption1>
        <Caption1>
          Last run {momentDateTime(proposal.runAt)} · took {seconds}
        </Caption1>
      </div>
    </Card>
  );
}
