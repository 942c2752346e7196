import { Body1, Link, Title2 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { onLinkClick } from '../../router.ts';
import { usePageHeaderStyles } from './PageHeader.styles.ts';

export interface PageHeaderProps {
  title: string;
  lead?: ReactNode;
  /** A way back up: where to, and what it is called. */
  back?: { href: string; label: string } | undefined;
  /** The page's main action, on the right. */
  action?: ReactNode;
}

/** A page's h1, with a short lead, an optional way back and an optional main action. */
export function PageHeader({ title, lead, back, action }: PageHeaderProps) {
  const styles = usePageHeaderStyles();
  return (
    <>
      {back ? (
        <Link className={styles.back} href={back.href} onClick={onLinkClick(back.href)}>
          ← {back.label}
        </Link>
      ) : null}
      <div className={styles.root}>
        <div className={styles.text}>
          <Title2 as="h1" className={styles.title}>
            {title}
          </Title2>
          {lead ? <Body1 className={styles.lead}>{lead}</Body1> : null}
        </div>
        {action}
      </div>
    </>
  );
}
