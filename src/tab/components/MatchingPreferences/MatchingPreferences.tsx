import { Button, Caption1, Field, Slider, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { DEFAULT_MATCHING_WEIGHTS, MATCHING_PREFERENCES, type MatchingPreference, type MatchingWeights } from '../../../contracts/programs.ts';
import { useAnnouncement } from '../Announcer/Announcer.tsx';
import type { FieldErrors } from '../../fieldErrors.ts';
import { useMatchingPreferencesStyles } from './MatchingPreferences.styles.ts';

/** The slider's steps: the contract takes any weight in 0–1; twenty steps are plenty to say "more" or "less". */
const STEP = 0.05;

/** Each preference in plain words: its name, what it does, and a reason as matching words it on a pair. */
export const PREFERENCE_TEXT: Record<MatchingPreference, { label: string; does: (idealGap: number) => string; example: (idealGap: number) => string }> = {
  topics: {
    label: 'Topics taught',
    does: () => 'Prefer mentors who teach what the mentee wants to learn, the first-listed topics most.',
    example: () => 'Ana teaches both topics Raj wants: AI assistants and dashboards',
  },
  reciprocity: { label: 'Teaching back', does: () => 'Prefer mentees who can teach the mentor something the mentor wants to learn.', example: () => 'Raj teaches back strategy' },
  otherDepartment: {
    label: 'Other department',
    does: () => 'Prefer pairs from different departments, so each sees another part of the company.',
    example: () => 'different departments (Finance ↔ Sales)',
  },
  sharedHours: {
    label: 'Shared working hours',
    does: () => 'Prefer pairs whose working days overlap in their own time zones; 4 hours or more counts in full.',
    example: () => '6 h of shared working hours',
  },
  idealGap: {
    label: 'Level gap',
    does: (gap) => `Prefer pairs about ${gap} levels apart, one more than the minimum: close enough to relate, far enough to learn.`,
    example: (gap) => `${gap} levels apart`,
  },
};

const equal = (a: MatchingWeights, b: MatchingWeights) => MATCHING_PREFERENCES.every((p) => a[p] === b[p]);

/** Each weight's share of the score, in whole percent (0 when every weight is 0). */
function shares(weights: MatchingWeights): Record<MatchingPreference, number> {
  const total = MATCHING_PREFERENCES.reduce((sum, p) => sum + weights[p], 0);
  return Object.fromEntries(MATCHING_PREFERENCES.map((p) => [p, total > 0 ? Math.round((weights[p] / total) * 100) : 0])) as Record<MatchingPreference, number>;
}

export interface MatchingPreferencesProps {
  weights: MatchingWeights;
  /** The program's minimum level gap as typed (null while the field is empty): the ideal gap is one more. */
  minLevelGap: number | null;
  /** The form's errors by the body's path (`matchingWeights`, `matchingWeights.topics`). */
  errors: FieldErrors;
  /** The DOM id of a path's field, for the error summary's links. */
  fieldId: (path: string) => string;
  /** `edited`: the paths whose errors go. */
  onChange: (next: MatchingWeights, edited: string[]) => void;
}

/** How much each matching preference counts, each with what it does, and a preview of the reasons a pair gets. */
export function MatchingPreferences({ weights, minLevelGap, errors, fieldId, onChange }: MatchingPreferencesProps) {
  const styles = useMatchingPreferencesStyles();
  const [said, setSaid] = useState('');
  useAnnouncement(said);
  const idealGap = Math.max(minLevelGap ?? 0, 1) + 1;
  const share = shares(weights);
  const counted = MATCHING_PREFERENCES.filter((p) => weights[p] > 0).sort((a, b) => weights[b] - weights[a]);
  const ignored = MATCHING_PREFERENCES.filter((p) => weights[p] === 0);
  const worth = (p: MatchingPreference) => (weights[p] === 0 ? 'Ignored' : `${share[p]}% of the score`);
  const id = fieldId('matchingWeights');

  return (
    <div className={styles.root}>
      <Caption1 id={`${id}-hint`} className={styles.muted}>
        Among the pairs the rules above allow, matching prefers the ones that score best on these. Each counts in proportion to the others; 0 = ignore (not counted and never given as a reason).
      </Caption1>
      {errors.matchingWeights ? (
        <Text id={`${id}-error`} className={styles.error}>
          {errors.matchingWeights}
        </Text>
      ) : null}
      <ul className={styles.list}>
        {MATCHING_PREFERENCES.map((p) => {
          const path = `matchingWeights.${p}`;
          const text = PREFERENCE_TEXT[p];
          return (
            <li key={p} className={styles.item}>
              <Field id={fieldId(path)} label={text.label} hint={text.does(idealGap)} validationMessage={errors[path]} validationState={errors[path] ? 'error' : 'none'}>
                {(control) => (
                  <div className={styles.control}>
                    <Slider
                      {...control}
                      className={styles.slider}
                      min={0}
                      max={1}
                      step={STEP}
                      value={weights[p]}
                      aria-valuetext={weights[p] === 0 ? '0, ignored' : `${weights[p]}, ${share[p]}% of the score`}
                      onChange={(_e, data) => onChange({ ...weights, [p]: Math.round(data.value * 100) / 100 }, ['matchingWeights', path])}
                    />
                    <Text className={weights[p] === 0 ? styles.ignored : styles.worth} aria-hidden>
                      {worth(p)}
                    </Text>
                  </div>
                )}
              </Field>
            </li>
          );
        })}
      </ul>
      <div className={styles.preview}>
        <Text weight="semibold">{counted.length ? 'Each pair’s reasons, in this order' : 'No preference counts: give at least one some weight'}</Text>
        {counted.length ? (
          <ol className={styles.previewList}>
            {counted.map((p) => (
              <li key={p}>
                {PREFERENCE_TEXT[p].label}: <q>{PREFERENCE_TEXT[p].example(idealGap)}</q>
              </li>
            ))}
          </ol>
        ) : null}
        {ignored.length && counted.length ? <Caption1>Not counted: {ignored.map((p) => PREFERENCE_TEXT[p].label.toLowerCase()).join(', ')}.</Caption1> : null}
      </div>
      <Button
        className={styles.reset}
        appearance="secondary"
        disabled={equal(weights, DEFAULT_MATCHING_WEIGHTS)}
        onClick={() => {
          onChange({ ...DEFAULT_MATCHING_WEIGHTS }, ['matchingWeights', ...MATCHING_PREFERENCES.map((p) => `matchingWeights.${p}`)]);
          setSaid('Matching preferences are back to the defaults.');
        }}
      >
        Reset to defaults
      </Button>
    </div>
  );
}
