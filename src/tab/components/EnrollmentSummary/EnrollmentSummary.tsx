import { Badge, Body1, Button, Caption1, Subtitle2, mergeClasses, type BadgeProps } from '@fluentui/react-components';
import { lazy, Suspense, useId, type ReactNode } from 'react';
import type { Enrollment, EnrollmentStatus, Program } from '../../../contracts/programs.ts';
import type { ApiClient } from '../../api.ts';
import { firstName } from '../../format.ts';
import { CADENCE_LABEL, cadenceAsk, momentDay, ROLE_LABEL, STATUS_LABEL } from '../../programText.ts';
import { hrefFor, navigate } from '../../router.ts';
import { Notice } from '../Status/Status.tsx';
import { useEnrollmentSummaryStyles } from './EnrollmentSummary.styles.ts';

// The withdraw dialog (and Fluent's Dialog) loads after the page: the button waits for it, disabled.
const WithdrawButton = lazy(() => import('./WithdrawButton.tsx').then((m) => ({ default: m.WithdrawButton })));

const STATUS_COLOR: Record<EnrollmentStatus, BadgeProps['color']> = {
  pending: 'warning',
  approved: 'success',
  declined: 'danger',
  expired: 'subtle',
  withdrawn: 'subtle',
};

export function StatusBadge({ status }: { status: EnrollmentStatus }) {
  return (
    <Badge appearance="tint" shape="rounded" color={STATUS_COLOR[status]}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

/** "Waiting for Dana Kim’s approval", "Approved by Dana Kim on 24 Nov"… */
export function statusLine(e: Enrollment): string {
  const approver = e.approver?.kind === 'programAdmin' ? 'the program admins' : e.approver?.displayName;
  switch (e.status) {
    case 'pending':
      return approver ? `Waiting for ${possessive(approver)} approval` : 'Waiting for approval';
    case 'approved':
      return e.decision ? `Approved by ${e.decision.by} on ${momentDay(e.decision.at)}` : 'Approved';
    case 'declined':
      return e.decision ? `Declined by ${e.decision.by} on ${momentDay(e.decision.at)}` : 'Declined';
    case 'expired':
      return `Nobody decided in time: the request expired on ${momentDay(e.updatedAt)}`;
    case 'withdrawn':
      return `You withdrew on ${momentDay(e.updatedAt)}`;
  }
}

export interface EnrollmentSummaryProps {
  enrollment: Enrollment;
  program: Program | undefined;
  api: ApiClient;
  onChanged: (enrollment: Enrollment) => void;
  /** The heading level of the program's name in this page's outline. */
  headingLevel?: 'h2' | 'h3';
  /** Status only (for a program card); otherwise the choices too. */
  compact?: boolean;
}

/** One of my enrollments: status, who decides or decided, their note, my choices; Edit and Withdraw. */
export function EnrollmentSummary({ enrollment: e, program, api, onChanged, headingLevel = 'h2', compact = false }: EnrollmentSummaryProps) {
  const styles = useEnrollmentSummaryStyles();
  const titleId = useId();
  const topicName = (id: string) => program?.topics.find((t) => t.id === id)?.name ?? id;
  const topics = (list: Enrollment['teach']) => (
    <ul className={mergeClasses(styles.list, styles.bullets)}>
      {list.map((c) => (
        <li key={c.topicId}>
          {topicName(c.topicId)} <Caption1 className={styles.factLabel}>· your level {c.level} of 5</Caption1>
        </li>
      ))}
    </ul>
  );
  const facts: Array<[string, ReactNode]> = compact
    ? []
    : [
        ['Role', ROLE_LABEL[e.role]],
        ...(e.teach.length ? [['Can teach', topics(e.teach)] as [string, ReactNode]] : []),
        ...(e.learn.length ? [['Wants to learn', topics(e.learn)] as [string, ReactNode]] : []),
        [
          'Goals',
          <ol key="goals" className={styles.list}>
            {e.goals.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ol>,
        ],
        ['Cadence', program ? cadenceAsk(program, e.cadence).replace(/^./, (c) => c.toUpperCase()) : CADENCE_LABEL[e.cadence]],
      ];
  const approverName = e.approver?.kind === 'manager' ? e.approver.displayName : null;

  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <div className={styles.header}>
        <Subtitle2 as={headingLevel} id={titleId} className={styles.title}>
          {compact ? 'My enrollment' : (program?.name ?? 'A program')}
        </Subtitle2>
        <StatusBadge status={e.status} />
      </div>
      <Body1 className={styles.line}>{statusLine(e)}</Body1>
      {e.decision?.note ? (
        <figure className={styles.note}>
          <Caption1 as="span" className={styles.noteFrom}>
            Note from {firstName(e.decision.by)}
          </Caption1>
          <blockquote className={styles.factValue}>
            <Body1 className={styles.noteText}>“{e.decision.note}”</Body1>
          </blockquote>
        </figure>
      ) : null}
      {e.status === 'pending' && e.approverUnreachable ? (
        <Notice intent="warning" title="Your approver has not seen the request">
          {approverName
            ? `We could not reach ${firstName(approverName)} in Teams — they may have blocked Flipside. Ask them to open Flipside, or contact HR.`
            : 'We could not reach the program admins in Teams. Contact HR.'}
        </Notice>
      ) : null}
      {facts.length ? (
        <dl className={styles.facts}>
          {facts.map(([label, value]) => (
            <div key={label} className={styles.factRow}>
              <dt>
                <Body1 className={styles.factLabel}>{label}</Body1>
              </dt>
              <dd className={styles.factValue}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className={styles.actions}>
        {compact ? (
          <Button
            as="a"
            href={hrefFor.enrollment(e.id)}
            onClick={(event) => {
              event.preventDefault();
              navigate(hrefFor.enrollment(e.id));
            }}
          >
            View my enrollment
          </Button>
        ) : null}
        {!compact && e.status === 'pending' ? (
          <Button
            as="a"
            href={hrefFor.editEnrollment(e.id)}
            onClick={(event) => {
              event.preventDefault();
              navigate(hrefFor.editEnrollment(e.id));
            }}
          >
            Edit
          </Button>
        ) : null}
        {!compact && (e.status === 'pending' || e.status === 'approved') ? (
          <Suspense
            fallback={
              <Button appearance="secondary" disabled>
                Withdraw
              </Button>
            }
          >
            <WithdrawButton enrollment={e} programName={program?.name} api={api} onChanged={onChanged} />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}
