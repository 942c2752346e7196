import { Body1, Body1Strong, Caption1, Card, Subtitle2, mergeClasses } from '@fluentui/react-components';
import { useId } from 'react';
import type { ActionItem, MyMentoringPair } from '../../../contracts/sessions.ts';
import { firstName } from '../../format.ts';
import { useActionItemsStyles } from './ActionItems.styles.ts';

const OPEN_BOX = 'M4 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm0 1.2a.8.8 0 0 0-.8.8v8c0 .4.4.8.8.8h8c.4 0 .8-.4.8-.8V4a.8.8 0 0 0-.8-.8H4Z';
const DONE_BOX = 'M4 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7.1 3.6a.6.6 0 0 0-.8.1L7.1 9.4 5.9 8.2a.6.6 0 0 0-.9.9l1.7 1.6c.2.3.7.2.9-.1l3.6-4.2a.6.6 0 0 0-.1-.8Z';

/** The pair's shared action items: what is still open, then what is done. */
export function ActionItems({ pair }: { pair: MyMentoringPair }) {
  const styles = useActionItemsStyles();
  const headingId = useId();
  const open = pair.items.filter((i) => !i.done);
  const done = pair.items.filter((i) => i.done);
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        Action items
      </Subtitle2>
      {pair.items.length === 0 ? (
        <Body1 className={styles.muted}>No action items yet. What you and {firstName(pair.partner.displayName)} agree to do in a session shows here.</Body1>
      ) : (
        <>
          <Group title={`Open (${open.length})`} items={open} empty="Nothing open: all done." />
          {done.length ? <Group title={`Done (${done.length})`} items={done} /> : null}
        </>
      )}
    </Card>
  );
}

function Group({ title, items, empty }: { title: string; items: ActionItem[]; empty?: string }) {
  const styles = useActionItemsStyles();
  const id = useId();
  return (
    <div className={styles.group}>
      <Body1Strong as="h4" id={id} className={styles.groupTitle}>
        {title}
      </Body1Strong>
      {items.length === 0 ? (
        <Body1 className={styles.muted}>{empty}</Body1>
      ) : (
        <ul className={styles.list} aria-labelledby={id}>
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <svg className={mergeClasses(styles.box, item.done && styles.doneBox)} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d={item.done ? DONE_BOX : OPEN_BOX} fillRule="evenodd" />
              </svg>
              <span className={styles.text}>
                <Body1 className={item.done ? styles.doneText : undefined}>{item.text}</Body1>
                <Caption1 className={styles.muted}>
                  {item.by} · {item.sessionN === null ? 'between sessions' : `session ${item.sessionN}`}
                </Caption1>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
