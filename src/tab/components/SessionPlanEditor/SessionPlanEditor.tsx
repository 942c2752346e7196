import { Button, Caption1, Field, Input, Radio, RadioGroup, Text, Textarea, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { SESSION_PLAN_MAX_STEPS, STEP_DESCRIPTION_MAX, STEP_TITLE_MAX, type Topic } from '../../../contracts/programs.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import type { FieldErrors } from '../../fieldErrors.ts';
import { useSessionPlanEditorStyles } from './SessionPlanEditor.styles.ts';

/** The contract's limits, so the counters cannot drift. */
export const TITLE_MAX = STEP_TITLE_MAX;
export const DESCRIPTION_MAX = STEP_DESCRIPTION_MAX;
export const MAX_STEPS = SESSION_PLAN_MAX_STEPS;

export type PlanMode = 'suggested' | 'own';

export interface PlanStep {
  /** React's key and the focus target: stable while steps move. */
  key: string;
  title: string;
  description: string;
}

let stepCounter = 0;
export const stepKey = () => `step-${++stepCounter}`;

/** The rows for a saved plan; an empty or absent one is the suggested plan (the server treats `[]` so too). */
export function planRows(plan: ReadonlyArray<{ title: string; description: string }> | null): { mode: PlanMode; steps: PlanStep[] } {
  return plan && plan.length > 0 ? { mode: 'own', steps: plan.map((s) => ({ ...s, key: stepKey() })) } : { mode: 'suggested', steps: [] };
}

// The template's wording (the server's curriculum, which the tab may not import), for a first own plan.
const FIRST = {
  title: 'Getting to know each other',
  description:
    'Share what you each do, what you hope to get out of these sessions, and agree on your goals and how you will work together (what stays between you, how to say when something is not working).',
};
const MIDPOINT = {
  title: 'Mid-point review',
  description: 'Look back at your goals: what has moved, what has not, and what you want from the second half. Adjust the plan together.',
};
const CLOSING = {
  title: 'Closing session',
  description: 'What changed for each of you, what you will keep doing, and whether you want to keep meeting on your own.',
};

/** A first own plan in the suggested shape, with one topic taught up and one taught back from the catalogue as examples. */
export function suggestedShape(topics: readonly Topic[]): PlanStep[] {
  const up = topics.find((t) => t.direction === 'teachesUp' && t.name.trim())?.name.trim() ?? 'A topic the junior teaches';
  const down = topics.find((t) => t.direction === 'teachesDown' && t.name.trim())?.name.trim() ?? 'A topic the senior teaches';
  return [
    FIRST,
    { title: up, description: `The junior mentor teaches: ${up}. Try it together on a real piece of work, then note what to practise before next time.` },
    { title: down, description: `The senior mentee shares: ${down}. Bring a real decision or situation and talk it through.` },
    MIDPOINT,
    CLOSING,
  ].map((s) => ({ ...s, key: stepKey() }));
}

type Action = 'title' | 'up' | 'down' | 'remove' | 'add';

export interface SessionPlanEditorProps {
  mode: PlanMode;
  steps: PlanStep[];
  /** The catalogue as it stands: a first own plan takes its example topics from it. */
  topics: readonly Topic[];
  /** The form's errors by the body's path (`sessionPlan`, `sessionPlan.2.title`). */
  errors: FieldErrors;
  /** The DOM id of a path's field, for the error summary's links. */
  fieldId: (path: string) => string;
  /** `edited`: the path whose field just changed (its error goes); steps keep their keys when they move. */
  onChange: (next: { mode: PlanMode; steps: PlanStep[] }, edited?: string) => void;
}

/** The program's session plan: the suggested one, drawn from each pair's topics, or HR's own ordered steps. */
export function SessionPlanEditor({ mode, steps, topics, errors, fieldId, onChange }: SessionPlanEditorProps) {
  const styles = useSessionPlanEditorStyles();
  const list = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<{ key: string; action: Action } | null>(null);
  const [said, setSaid] = useState('');
  useAnnouncement(said);

  useEffect(() => {
    if (!focus || !list.current) return;
    const target =
      focus.action === 'add' ? list.current.querySelector<HTMLElement>('[data-action="add"]') : list.current.querySelector<HTMLElement>(`[data-step="${focus.key}"] [data-action="${focus.action}"]`);
    target?.focus();
  }, [focus]);

  const name = (i: number, title = steps[i]?.title ?? '') => `step ${i + 1}${title.trim() ? `: ${title.trim()}` : ''}`;
  const setStep = (i: number, patch: Partial<Pick<PlanStep, 'title' | 'description'>>) =>
    onChange({ mode, steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }, `sessionPlan.${i}.${Object.keys(patch)[0]}`);
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    const next = [...steps];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange({ mode, steps: next });
    // At the end of the list the same button is disabled (but keeps focus): the other way is offered.
    setFocus({ key: steps[i]!.key, action: by < 0 ? 'up' : 'down' });
    const title = steps[i]!.title.trim();
    setSaid(`${title ? `“${title}”` : `Step ${i + 1}`} is now step ${j + 1}${j === steps.length - 1 ? ', the last session' : ''}.`);
  };
  const remove = (i: number) => {
    const next = steps.filter((_s, j) => j !== i);
    onChange({ mode, steps: next });
    const after = next[i] ?? next[i - 1];
    setFocus(after ? { key: after.key, action: 'title' } : { key: '', action: 'add' });
    setSaid(`Removed ${name(i)}. ${next.length} ${next.length === 1 ? 'step' : 'steps'} left.`);
  };
  const add = () => {
    const key = stepKey();
    onChange({ mode, steps: [...steps, { key, title: '', description: '' }] });
    setFocus({ key, action: 'title' });
  };
  const choose = (value: PlanMode) => onChange({ mode: value, steps: value === 'own' && steps.length === 0 ? suggestedShape(topics) : steps }, 'sessionPlan');

  const planError = errors.sessionPlan;
  return (
    <div className={styles.root} ref={list}>
      <Field id={fieldId('sessionPlan')} label="Session plan" validationMessage={planError} validationState={planError ? 'error' : 'none'}>
        <RadioGroup value={mode} onChange={(_e, data) => choose(data.value as PlanMode)}>
          <Radio value="suggested" label="Suggested plan from each pair's topics" />
          <Radio value="own" label="Our own plan" />
        </RadioGroup>
      </Field>

      {mode === 'suggested' ? (
        <div className={styles.preview} id={`${fieldId('sessionPlan')}-preview`}>
          <Text weight="semibold">Each pair&rsquo;s sessions follow the topics they chose when enrolling:</Text>
          <ul className={styles.previewList}>
            <li>
              <Text weight="semibold">Session 1: Getting to know each other</Text> <Text>— their goals, and how they will work together.</Text>
            </li>
            <li>
              <Text weight="semibold">Then one topic per session</Text>
              <Text>, taught up and back in turn: a topic the junior teaches, then one the senior teaches, round again if there are more sessions than topics.</Text>
            </li>
            <li>
              <Text weight="semibold">Halfway: Mid-point review</Text> <Text>— in a series of five sessions or more.</Text>
            </li>
            <li>
              <Text weight="semibold">Last: Closing session</Text> <Text>— what changed, and whether to keep meeting.</Text>
            </li>
          </ul>
        </div>
      ) : (
        <div className={styles.own}>
          <Caption1 className={styles.muted}>
            One step per session, in order. The last step is always the last session: a longer series gets &ldquo;Open session&rdquo; steps before it, a shorter one drops steps before it.
          </Caption1>
          <ol className={styles.steps} aria-label="Steps of our own plan">
            {steps.map((step, i) => {
              const last = i === steps.length - 1;
              const titleError = errors[`sessionPlan.${i}.title`];
              const descriptionError = errors[`sessionPlan.${i}.description`];
              const titleLength = step.title.trim().length;
              const descriptionLength = step.description.trim().length;
              return (
                <li key={step.key} className={styles.step} data-step={step.key}>
                  <div className={styles.stepHead}>
                    <Text weight="semibold" className={styles.stepName}>
                      Step {i + 1}
                      {last ? <span className={styles.muted}> · the last session</span> : null}
                    </Text>
                    <div className={styles.stepActions}>
                      <Button size="small" appearance="subtle" data-action="up" disabledFocusable={i === 0} aria-label={`Move up ${name(i)}`} onClick={() => move(i, -1)}>
                        Move up
                      </Button>
                      <Button size="small" appearance="subtle" data-action="down" disabledFocusable={last} aria-label={`Move down ${name(i)}`} onClick={() => move(i, 1)}>
                        Move down
                      </Button>
                      {steps.length > 1 ? (
                        <Button size="small" appearance="subtle" data-action="remove" aria-label={`Remove ${name(i)}`} onClick={() => remove(i)}>
                          Remove
                        </Button>
                      ) : null}
                    </div>
                  </div>
                  <Field
                    id={fieldId(`sessionPlan.${i}.title`)}
                    label="Title"
                    required
                    validationMessage={titleError}
                    validationState={titleError ? 'error' : 'none'}
                    hint={<Counter length={titleLength} max={TITLE_MAX} />}
                  >
                    <Input aria-label={`Step ${i + 1} title`} data-action="title" value={step.title} onChange={(_e, data) => setStep(i, { title: data.value })} />
                  </Field>
                  <Field
                    id={fieldId(`sessionPlan.${i}.description`)}
                    label="What the pair does"
                    validationMessage={descriptionError}
                    validationState={descriptionError ? 'error' : 'none'}
                    hint={<Counter length={descriptionLength} max={DESCRIPTION_MAX} />}
                  >
                    <Textarea aria-label={`Step ${i + 1} description`} rows={3} resize="vertical" value={step.description} onChange={(_e, data) => setStep(i, { description: data.value })} />
                  </Field>
                </li>
              );
            })}
          </ol>
          <div className={styles.add}>
            <Button appearance="secondary" data-action="add" disabled={steps.length >= MAX_STEPS} onClick={add}>
              Add step
            </Button>
            {steps.length >= MAX_STEPS ? <Caption1 className={styles.muted}>{MAX_STEPS} steps at most.</Caption1> : null}
          </div>
        </div>
      )}
    </div>
  );
}

/** "12 / 80", red once over: the contract counts the trimmed text. */
function Counter({ length, max }: { length: number; max: number }) {
  const styles = useSessionPlanEditorStyles();
  return <span className={mergeClasses(styles.counter, length > max && styles.over)}>{`${length} / ${max}`}</span>;
}
