import { Caption1, Checkbox, Radio, RadioGroup, Text, mergeClasses } from '@fluentui/react-components';
import { useId } from 'react';
import type { Topic } from '../../../contracts/programs.ts';
import { DIRECTION_HINT, DIRECTION_LABEL } from '../../programText.ts';
import { useTopicChooserStyles } from './TopicChooser.styles.ts';

const LEVELS = ['1', '2', '3', '4', '5'] as const;
const DEFAULT_LEVEL = 3;

export interface TopicChooserProps {
  /** The wrapper's id, which the error summary links to. */
  id: string;
  legend: string;
  description: string;
  /** What the level means on this side: "how well you know it" or "where you are now". */
  levelLabel: string;
  topics: Topic[];
  /** Chosen topics and their self-rated level (1–5). */
  value: Record<string, number>;
  onChange: (value: Record<string, number>) => void;
  /** The group's error (e.g. no topic chosen). */
  error?: string | undefined;
  /** Errors on one topic, by topic id. */
  topicErrors: Record<string, string>;
  /** Each topic's row id, for the error summary. */
  topicId: (topicId: string) => string;
}

/** A side of the enrollment (teach or learn): the catalogue grouped by direction, each with a level. */
export function TopicChooser({ id, legend, description, levelLabel, topics, value, onChange, error, topicErrors, topicId }: TopicChooserProps) {
  const styles = useTopicChooserStyles();
  const base = useId();
  const errorId = `${base}-error`;
  const descriptionId = `${base}-description`;
  const directions = (['teachesUp', 'teachesDown'] as const).filter((d) => topics.some((t) => t.direction === d));
  const toggle = (topic: Topic, checked: boolean) => {
    const next = { ...value };
    if (checked) next[topic.id] = value[topic.id] ?? DEFAULT_LEVEL;
    else delete next[topic.id];
    onChange(next);
  };
  return (
    <fieldset id={id} className={mergeClasses(styles.root, error && styles.invalid)} aria-describedby={[descriptionId, error ? errorId : ''].filter(Boolean).join(' ')}>
      <legend className={styles.legend}>{legend}</legend>
      <Caption1 id={descriptionId} className={styles.description}>
        {description}
      </Caption1>
      {error ? (
        <Text id={errorId} className={styles.error} role="alert">
          {error}
        </Text>
      ) : null}
      {directions.map((direction) => (
        <fieldset key={direction} className={styles.group}>
          <legend className={styles.groupLegend}>
            <span className={styles.groupTitle}>{DIRECTION_LABEL[direction]}</span>
            <Caption1 className={styles.muted}>{DIRECTION_HINT[direction]}</Caption1>
          </legend>
          <ul className={styles.rows}>
            {topics
              .filter((t) => t.direction === direction)
              .map((topic) => {
                const level = value[topic.id];
                const rowError = topicErrors[topic.id];
                const levelId = `${base}-${topic.id}-level`;
                const rowErrorId = `${base}-${topic.id}-error`;
                return (
                  <li key={topic.id} id={topicId(topic.id)} className={styles.row}>
                    <Checkbox
                      label={topic.name}
                      checked={level !== undefined}
                      onChange={(_event, data) => toggle(topic, data.checked === true)}
                      aria-describedby={rowError ? rowErrorId : undefined}
                      aria-invalid={rowError ? true : undefined}
                    />
                    {level !== undefined ? (
                      <div className={styles.level}>
                        <Caption1 id={levelId} className={styles.muted}>
                          {levelLabel}
                        </Caption1>
                        <RadioGroup
                          className={styles.levelRadios}
                          layout="horizontal"
                          aria-label={`${levelLabel} in ${topic.name}, 1 to 5`}
                          value={String(level)}
                          onChange={(_event, data) => onChange({ ...value, [topic.id]: Number(data.value) })}
                        >
                          {LEVELS.map((l) => (
                            <Radio key={l} value={l} label={l} />
                          ))}
                        </RadioGroup>
                      </div>
                    ) : null}
                    {rowError ? (
                      <Text id={rowErrorId} className={styles.error}>
                        {rowError}
                      </Text>
                    ) : null}
                  </li>
                );
              })}
          </ul>
        </fieldset>
      ))}
    </fieldset>
  );
}
