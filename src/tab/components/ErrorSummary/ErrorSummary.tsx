import { Caption1, Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode, Ref } from 'react';
import { focusField } from '../../fieldErrors.ts';
import { useErrorSummaryStyles } from './ErrorSummary.styles.ts';

export interface ErrorSummaryProps {
  title: string;
  /** Field problems in the form's order: each links to (and focuses) its field. */
  items: Array<{ id: string; message: string }>;
  /** A problem that belongs to no field (the window closed, a network failure). */
  message?: ReactNode;
  correlationId?: string | undefined;
  /** The form focuses the summary after a failed submit, so screen readers read it first. */
  ref?: Ref<HTMLDivElement>;
}

/** The top-of-form list of what to fix, as in the GOV.UK pattern: one link per field. */
export function ErrorSummary({ title, items, message, correlationId, ref }: ErrorSummaryProps) {
  const styles = useErrorSummaryStyles();
  return (
    <MessageBar intent="error" layout="multiline" ref={ref} tabIndex={-1} className={styles.root} aria-labelledby="error-summary-title">
      <MessageBarBody>
        <MessageBarTitle id="error-summary-title">{title}</MessageBarTitle>
        {message ? <div>{message}</div> : null}
        {items.length ? (
          <ul className={styles.list}>
            {items.map((item) => (
              <li key={item.id}>
                <Link
                  href={`#${item.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(item.id);
                  }}
                >
                  {item.message}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {correlationId ? <Caption1 className={styles.correlation}>Correlation id: {correlationId}</Caption1> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
