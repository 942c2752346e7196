import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ApiRequestError } from '../../api.ts';
import { useStatusStyles } from './Status.styles.ts';

/** A spinner with a label; screen readers hear the label through the page's live region. */
export function Loading({ label }: { label: string }) {
  const styles = useStatusStyles();
  return (
    <div className={styles.loading}>
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

export interface NoticeProps {
  intent: 'info' | 'warning' | 'error' | 'success';
  title: string;
  children?: ReactNode;
  /** Shown for support: the server's id of the failed request. */
  correlationId?: string | undefined;
  action?: { label: string; onClick: () => void } | undefined;
  className?: string;
}

export function Notice({ intent, title, children, correlationId, action, className }: NoticeProps) {
  const styles = useStatusStyles();
  return (
    <MessageBar intent={intent} layout="multiline" className={mergeClasses(styles.notice, className)}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <div className={styles.body}>
          {children}
          {correlationId ? <Caption1 className={styles.correlation}>Correlation id: {correlationId}</Caption1> : null}
        </div>
      </MessageBarBody>
      {action ? (
        <MessageBarActions>
          <Button onClick={action.onClick}>{action.label}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/** Any failure as a notice: the server's message and correlation id, or a generic message. */
export function ErrorNotice({ error, title = 'Something went wrong', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const known = error instanceof ApiRequestError;
  return (
    <Notice intent="error" title={title} correlationId={known ? error.correlationId : undefined} action={onRetry ? { label: 'Try again', onClick: onRetry } : undefined}>
      {known ? error.message : 'The tab hit an unexpected problem. Reload the page to try again.'}
    </Notice>
  );
}
