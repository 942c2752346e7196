import { Body1, Body1Strong, Caption1, Card, Subtitle2, mergeClasses } from '@fluentui/react-components';
import { useId } from 'react';
import type { GoalStep, MyMentoringPair } from '../../../contracts/sessions.ts';
import { useGoalProgressStyles } from './GoalProgress.styles.ts';

export const GOAL_STEPS: GoalStep[] = ['not_started', 'started', 'halfway', 'done'];
// Drawn as the three steps after "not started": none lit before a goal starts, all three once done.
const LIT_STEPS = GOAL_STEPS.slice(1);

export const GOAL_STEP_LABEL: Record<GoalStep, string> = {
  not_started: 'Not started',
  started: 'Started',
  halfway: 'Halfway',
  done: 'Done',
};

type Goal = MyMentoringPair['goals'][number];

/**
 * Each goal: where it stands now (four steps) and how it moved session by session (a row of small
 * columns). The pictures are hidden from screen readers, which get the same in words.
 */
export function GoalProgress({ pair }: { pair: MyMentoringPair }) {
  const styles = useGoalProgressStyles();
  const headingId = useId();
  return (
    <Card className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        Goals
      </Subtitle2>
      {pair.goals.length === 0 ? (
        <Body1 className={styles.muted}>No goals yet. The goals of your enrollment show here, with how far each has come after every session.</Body1>
      ) : (
        <ul className={styles.goals}>
          {pair.goals.map((goal) => (
            <GoalRow key={goal.text} goal={goal} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function GoalRow({ goal }: { goal: Goal }) {
  const styles = useGoalProgressStyles();
  const historyId = useId();
  const at = goal.current ? GOAL_STEPS.indexOf(goal.current) : -1;
  const history = [...goal.history].sort((a, b) => a.n - b.n);
  return (
    <li className={styles.goal}>
      <Body1Strong>{goal.text}</Body1Strong>
      <div className={styles.now}>
        <div className={styles.steps} aria-hidden="true">
          {LIT_STEPS.map((step, i) => (
            <span key={step} className={mergeClasses(styles.step, i < at && (goal.current === 'done' ? styles.complete : styles.reached))} />
          ))}
        </div>
        <Body1 className={goal.current ? styles.label : styles.muted}>
          {goal.current ? (
            <>
              {GOAL_STEP_LABEL[goal.current]}
              <span className={styles.hidden}>, step {at + 1} of 4</span>
            </>
          ) : (
            'Not rated yet'
          )}
        </Body1>
      </div>
      {history.length ? (
        <>
          <Caption1 id={historyId} className={styles.muted}>
            After each session
          </Caption1>
          <ol className={styles.history} aria-labelledby={historyId}>
            {history.map(({ n, step }) => {
              const level = GOAL_STEPS.indexOf(step);
              return (
                <li key={n} className={styles.entry}>
                  <span className={styles.column} aria-hidden="true">
                    {LIT_STEPS.map((s, i) => (
                      <span key={s} className={mergeClasses(styles.cell, i < level && (step === 'done' ? styles.cellDone : styles.cellOn))} />
                    ))}
                  </span>
                  <Caption1 className={styles.session} aria-hidden="true">
                    {n}
                  </Caption1>
                  <span className={styles.hidden}>
                    Session {n}: {GOAL_STEP_LABEL[step]}
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </li>
  );
}
