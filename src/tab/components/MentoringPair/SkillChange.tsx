import { Badge, Body1, Body1Strong, Caption1, Card, Subtitle2 } from '@fluentui/react-components';
import { Fragment, useId } from 'react';
import type { MyMentoringPair } from '../../../contracts/sessions.ts';
import { useSkillChangeStyles } from './SkillChange.styles.ts';

type Skill = MyMentoringPair['skills'][number];

const STAGES = [
  { key: 'before', label: 'Enrolled' },
  { key: 'mid', label: 'Mid-point' },
  { key: 'after', label: 'End' },
] as const;

/** The latest rating against the first, as a signed change; null until rated twice. */
function change(s: Skill): number | null {
  const latest = s.after ?? s.mid;
  return s.before !== null && latest !== null ? latest - s.before : null;
}

const changeWords = (c: number) => (c === 0 ? 'no change' : `${c > 0 ? '+' : '−'}${Math.abs(c)}`);

/**
 * The viewer's own ratings of the topics they chose to learn: at enrollment, at the mid-point and
 * at the end, with the change so far. Shown only to them.
 */
export function SkillChange({ pair }: { pair: MyMentoringPair }) {
  const styles = useSkillChangeStyles();
  const headingId = useId();
  const rerated = pair.skills.some((s) => s.mid !== null || s.after !== null);
  const again = pair.midpointSession
    ? `You rate yourself again on the feedback card of session ${pair.midpointSession} (the mid-point) and in the closing survey.`
    : 'You rate yourself again in the closing survey at the end of the program.';
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        Your skills
      </Subtitle2>
      <Body1 className={styles.muted}>How you rate yourself, 1 to 5, on the topics you chose to learn. Only you see this.</Body1>
      {rerated ? null : <Body1>Not rated again yet. {again}</Body1>}
      <ul className={styles.topics}>
        {pair.skills.map((s) => {
          const c = change(s);
          return (
            <li key={s.topic} className={styles.topic}>
              <div className={styles.name}>
                <Body1Strong>{s.topic}</Body1Strong>
                {c !== null ? (
                  <Badge appearance="tint" color={c > 0 ? 'success' : 'informative'} aria-label={`Change: ${changeWords(c)}`}>
                    {changeWords(c)}
                  </Badge>
                ) : null}
              </div>
              <ol className={styles.stages}>
                {STAGES.map((stage, i) => {
                  const level = s[stage.key];
                  return (
                    <Fragment key={stage.key}>
                      {i > 0 ? (
                        <li className={styles.arrow} aria-hidden="true">
                          →
                        </li>
                      ) : null}
                      <li className={styles.stage}>
                        <span className={level === null ? styles.none : styles.figure} aria-hidden="true">
                          {level ?? '–'}
                        </span>
                        <Caption1 className={styles.muted}>
                          {stage.label}
                          <span className={styles.hidden}>: {level === null ? 'not rated yet' : `${level} of 5`}</span>
                        </Caption1>
                      </li>
                    </Fragment>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
