import { Button, Caption1, Checkbox, Field, Input, Label, Radio, RadioGroup, Select, Spinner, SpinButton, Text, Textarea, mergeClasses, type SpinButtonOnChangeData } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CADENCES,
  MATCHING_PREFERENCES,
  PROGRAM_NAME_MAX_LENGTH as NAME_MAX_LENGTH,
  SESSION_MINUTES,
  programInputSchema,
  type Cadence,
  type Program,
  type ProgramInput,
  type SeniorityRule,
  type Topic,
} from '../../../contracts/programs.ts';
import type { ProgramChangePreview } from '../../../contracts/program-life.ts';
import type { ApiClient } from '../../api.ts';
import { fieldId, placeError, sentence, type FieldErrors } from '../../fieldErrors.ts';
import { CADENCE_LABEL, DIRECTION_LABEL, slugify } from '../../programText.ts';
import { hrefFor, navigate } from '../../router.ts';
import { ErrorSummary } from '../ErrorSummary/ErrorSummary.tsx';
import { MatchingPreferences, PREFERENCE_TEXT } from '../MatchingPreferences/MatchingPreferences.tsx';
import { SeriesChangeDialog } from '../SeriesChangeDialog/SeriesChangeDialog.tsx';
import { SessionPlanEditor, planRows, type PlanMode, type PlanStep } from '../SessionPlanEditor/SessionPlanEditor.tsx';
import { useProgramFormStyles } from './ProgramForm.styles.ts';
import { hrApi } from '../../hrApi.ts';

const FORM = 'program';

interface TopicRow extends Topic {
  /** React's key: stable while the id is being typed. */
  key: string;
  /** Saved already: enrollments may refer to its id, so the id stays as it is. */
  saved: boolean;
  /** The admin typed an id: stop deriving it from the name. */
  idTouched: boolean;
}

interface Draft extends Omit<ProgramInput, 'topics' | 'seniority' | 'mentorCapacity' | 'agendaLeadHours' | 'heldMinutes' | 'sessionPlan'> {
  topics: TopicRow[];
  seniority: Omit<SeniorityRule, 'minLevelGap' | 'minTenureYearsGap'> & { minLevelGap: number | null; minTenureYearsGap: number | null };
  mentorCapacity: number | null;
  agendaLeadHours: number | null;
  heldMinutes: number | null;
  /** Suggested sends `sessionPlan: null`; the own steps are kept meanwhile, so switching back restores them. */
  planMode: PlanMode;
  planSteps: PlanStep[];
}

const COMBINE_LABEL: Record<SeniorityRule['combine'], string> = {
  levels: 'Levels apart',
  tenure: 'Years of tenure apart',
  either: 'Either is enough',
  both: 'Both are needed',
};

const LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  startsOn: 'Start date',
  endsOn: 'End date',
  enrollmentOpensOn: 'Enrollment opens',
  enrollmentClosesOn: 'Enrollment closes',
  cadences: 'Cadences',
  sessionMinutes: 'Session length',
  topics: 'Topic catalogue',
  'seniority.minLevelGap': 'Minimum levels apart',
  'seniority.minTenureYearsGap': 'Minimum years of tenure apart',
  'seniority.combine': 'How to combine',
  mentorCapacity: 'Mentees per mentor',
  agendaLeadHours: 'Agenda lead time',
  heldMinutes: 'Time together',
  sessionPlan: 'Session plan',
  matchingWeights: 'Matching preferences',
  ...Object.fromEntries(MATCHING_PREFERENCES.map((p) => [`matchingWeights.${p}`, PREFERENCE_TEXT[p].label])),
};

let rowCounter = 0;
const rowKey = () => `topic-${++rowCounter}`;

function toDraft({ sessionPlan, ...input }: ProgramInput, saved: boolean): Draft {
  const plan = planRows(sessionPlan);
  return { ...input, topics: input.topics.map((t) => ({ ...t, key: rowKey(), saved, idTouched: saved })), planMode: plan.mode, planSteps: plan.steps };
}

/** The request body; an unusable number stays NaN so the contract's check names its field. */
function toInput({ planMode, planSteps, ...d }: Draft): ProgramInput {
  return {
    ...d,
    topics: d.topics.map(({ id, name, direction }) => ({ id, name: name.trim(), direction })),
    seniority: { ...d.seniority, minLevelGap: d.seniority.minLevelGap ?? Number.NaN, minTenureYearsGap: d.seniority.minTenureYearsGap ?? Number.NaN },
    mentorCapacity: d.mentorCapacity ?? Number.NaN,
    agendaLeadHours: d.agendaLeadHours ?? Number.NaN,
    heldMinutes: d.heldMinutes ?? Number.NaN,
    sessionPlan: planMode === 'own' ? planSteps.map(({ title, description }) => ({ title: title.trim(), description: description.trim() })) : null,
  };
}

const labelFor = (path: string): string => {
  const topic = /^topics\.(\d+)\.(id|name|direction)$/.exec(path);
  if (topic) return `Topic ${Number(topic[1]) + 1} ${topic[2] === 'id' ? 'id' : topic[2] === 'name' ? 'name' : 'direction'}`;
  const step = /^sessionPlan\.(\d+)\.(title|description)$/.exec(path);
  if (step) return `Step ${Number(step[1]) + 1} ${step[2]}`;
  return LABELS[path] ?? 'This field';
};

/** The server's path as this form's field: every path of ProgramInput has one. */
function resolvePath(path: string, counts: { topics: number; steps: number }): { path: string; label: string } | null {
  const topic = /^topics\.(\d+)(?:\.(id|name|direction))?/.exec(path);
  if (topic) {
    if (Number(topic[1]) >= counts.topics) return { path: 'topics', label: LABELS.topics! };
    const p = `topics.${topic[1]}.${topic[2] ?? 'name'}`;
    return { path: p, label: labelFor(p) };
  }
  const step = /^sessionPlan\.(\d+)(?:\.(title|description))?/.exec(path);
  if (step) {
    if (Number(step[1]) >= counts.steps) return { path: 'sessionPlan', label: LABELS.sessionPlan! };
    const p = `sessionPlan.${step[1]}.${step[2] ?? 'title'}`;
    return { path: p, label: labelFor(p) };
  }
  return path in LABELS ? { path, label: LABELS[path]! } : null;
}

export interface ProgramFormProps {
  /** The program being edited; absent for a new program. */
  program?: Program | undefined;
  /** What the form starts with: the program, or the reverse-mentoring template. */
  initial: ProgramInput;
  api: ApiClient;
  onSaved: (program: Program) => void;
}

/** Create or edit a program: dates, window, cadences, length, topic catalogue, sessions and their plan, seniority rule, capacity, matching preferences. */
export function ProgramForm({ program, initial, api, onSaved }: ProgramFormProps) {
  const styles = useProgramFormStyles();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial, program !== undefined));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ title: string; message: string; correlationId?: string | undefined } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [preview, setPreview] = useState<ProgramChangePreview | null>(null);
  const [confirm, setConfirm] = useState<(() => Promise<void>) | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [focusTopic, setFocusTopic] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const id = (path: string) => fieldId(FORM, path);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);
  useEffect(() => {
    if (focusTopic)
      document
        .getElementById(id(`topics.${draft.topics.findIndex((t) => t.key === focusTopic)}.name`))
        ?.querySelector('input')
        ?.focus();
    // Only when a row was just added.
  }, [focusTopic]);

  const clear = (...paths: string[]) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => !paths.includes(p))));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clear(String(key));
  };
  const setSeniority = (patch: Partial<Draft['seniority']>) => {
    setDraft((d) => ({ ...d, seniority: { ...d.seniority, ...patch } }));
    clear(...Object.keys(patch).map((k) => `seniority.${k}`));
  };
  const setTopic = (index: number, patch: Partial<TopicRow>) => {
    setDraft((d) => ({ ...d, topics: d.topics.map((t, i) => (i === index ? { ...t, ...patch } : t)) }));
    clear('topics', ...Object.keys(patch).map((k) => `topics.${index}.${k}`), `topics.${index}.id`);
  };
  /** Steps keep their errors when they move (errors are keyed by index); an edited field's error goes. */
  const setPlan = (next: { mode: PlanMode; steps: PlanStep[] }, edited?: string) => {
    const moved = new Map(draft.planSteps.map((s, i) => [String(i), next.steps.findIndex((t) => t.key === s.key)]));
    setDraft((d) => ({ ...d, planMode: next.mode, planSteps: next.steps }));
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).flatMap(([p, message]): Array<[string, string]> => {
          if (p === edited) return [];
          const step = /^sessionPlan\.(\d+)\.(\w+)$/.exec(p);
          if (!step) return [[p, message]];
          if (next.mode === 'suggested') return [];
          const to = moved.get(step[1]!) ?? -1;
          return to < 0 ? [] : [[`sessionPlan.${to}.${step[2]}`, message]];
        }),
      ),
    );
  };
  const spin = (data: SpinButtonOnChangeData): number | null => {
    if (data.value !== undefined && data.value !== null) return data.value;
    const typed = Number(data.displayValue);
    return data.displayValue !== undefined && data.displayValue.trim() !== '' && Number.isFinite(typed) ? typed : null;
  };

  const fail = (fields: FieldErrors, form: typeof failure) => {
    setErrors(fields);
    setFailure(form);
    setAttempt((n) => n + 1);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const input = toInput(draft);
    const counts = { topics: input.topics.length, steps: input.sessionPlan?.length ?? 0 };
    // The contract's own schema: the same checks the server makes, every problem at once.
    const checked = programInputSchema.safeParse(input);
    if (!checked.success) {
      const fields: FieldErrors = {};
      for (const issue of checked.error.issues) {
        const target = resolvePath(issue.path.join('.'), counts);
        if (target && !fields[target.path]) fields[target.path] = sentence(issue.message, undefined, target.label);
      }
      return fail(fields, Object.keys(fields).length ? null : { title: 'Not saved', message: sentence(checked.error.issues[0]?.message ?? 'Check the form.', undefined, undefined) });
    }
    setSubmitting(true);
    const refused = (error: unknown) => {
      setSubmitting(false);
      setPreview(null);
      const placed = placeError(error, (path) => resolvePath(path, counts));
      fail(placed.fields, placed.form);
    };
    const save = () =>
      (program ? hrApi(api).updateProgram(program.id, checked.data) : hrApi(api).createProgram(checked.data)).then((saved) => {
        setSubmitting(false);
        setPreview(null);
        onSaved(saved);
      }, refused);
    if (!program) return void save();
    // A running program: show HR what the edit does to the booked series before saving it.
    hrApi(api)
      .previewProgramChange(program.id, checked.data)
      .then((seen) => {
        if (seen.changes.length === 0) return save();
        setSubmitting(false);
        setConfirm(() => save);
        setPreview(seen);
      }, refused);
  };

  const order = [
    'name',
    'description',
    'startsOn',
    'endsOn',
    'enrollmentOpensOn',
    'enrollmentClosesOn',
    'cadences',
    'sessionMinutes',
    'topics',
    ...draft.topics.flatMap((_t, i) => [`topics.${i}.name`, `topics.${i}.id`, `topics.${i}.direction`]),
    'agendaLeadHours',
    'heldMinutes',
    'sessionPlan',
    ...(draft.planMode === 'own' ? draft.planSteps.flatMap((_s, i) => [`sessionPlan.${i}.title`, `sessionPlan.${i}.description`]) : []),
    'seniority.minLevelGap',
    'seniority.minTenureYearsGap',
    'seniority.combine',
    'mentorCapacity',
    'matchingWeights',
    ...MATCHING_PREFERENCES.map((p) => `matchingWeights.${p}`),
  ];
  const items = order.filter((p) => errors[p]).map((p) => ({ id: id(p), message: errors[p]! }));
  const err = (path: string) => ({ validationMessage: errors[path], validationState: errors[path] ? ('error' as const) : ('none' as const) });

  return (
    <form className={styles.root} onSubmit={submit} noValidate aria-label={program ? `Edit ${program.name}` : 'New program'}>
      {items.length || failure ? (
        <ErrorSummary
          ref={summary}
          title={failure?.title ?? (items.length === 1 ? 'One thing to fix before saving' : `${items.length} things to fix before saving`)}
          items={items}
          message={failure?.message}
          correlationId={failure?.correlationId}
        />
      ) : null}

      <fieldset className={styles.group}>
        <legend className={styles.legend}>About the program</legend>
        {/* No maxLength: a name pasted too long is kept whole, counted, and refused with the reason, never cut. */}
        <Field
          id={id('name')}
          label="Name"
          required
          {...err('name')}
          hint={
            <span className={mergeClasses(styles.counter, draft.name.trim().length > NAME_MAX_LENGTH && styles.over)}>
              {draft.name.trim().length} / {NAME_MAX_LENGTH}
            </span>
          }
        >
          <Input value={draft.name} onChange={(_e, data) => set('name', data.value)} />
        </Field>
        <Field id={id('description')} label="Description" hint="What participants get out of it, in a sentence or two." {...err('description')}>
          <Textarea value={draft.description} rows={3} resize="vertical" onChange={(_e, data) => set('description', data.value)} />
        </Field>
        <div className={styles.pair}>
          <Field id={id('startsOn')} label="Start date" required {...err('startsOn')}>
            <Input type="date" value={draft.startsOn} onChange={(_e, data) => set('startsOn', data.value)} />
          </Field>
          <Field id={id('endsOn')} label="End date" required hint="Six months is a good length." {...err('endsOn')}>
            <Input type="date" value={draft.endsOn} onChange={(_e, data) => set('endsOn', data.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Enrollment window</legend>
        <Caption1 className={styles.muted}>Employees can enroll between these dates; enrollment closes before the program starts.</Caption1>
        <div className={styles.pair}>
          <Field id={id('enrollmentOpensOn')} label="Opens" required {...err('enrollmentOpensOn')}>
            <Input type="date" value={draft.enrollmentOpensOn} onChange={(_e, data) => set('enrollmentOpensOn', data.value)} />
          </Field>
          <Field id={id('enrollmentClosesOn')} label="Closes" required {...err('enrollmentClosesOn')}>
            <Input type="date" value={draft.enrollmentClosesOn} onChange={(_e, data) => set('enrollmentClosesOn', data.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Meetings</legend>
        <fieldset id={id('cadences')} className={styles.subgroup} aria-describedby={errors.cadences ? `${id('cadences')}-error` : undefined}>
          <legend className={styles.subLegend}>
            <Label weight="semibold" required>
              Cadences participants can choose
            </Label>
          </legend>
          <div className={styles.checks}>
            {CADENCES.map((c) => (
              <Checkbox
                key={c}
                label={CADENCE_LABEL[c]}
                checked={draft.cadences.includes(c)}
                onChange={(_e, data) => set('cadences', CADENCES.filter((x) => (x === c ? data.checked === true : draft.cadences.includes(x))) as Cadence[])}
              />
            ))}
          </div>
          {errors.cadences ? (
            <Text id={`${id('cadences')}-error`} className={styles.error}>
              {errors.cadences}
            </Text>
          ) : null}
        </fieldset>
        <Field id={id('sessionMinutes')} label="Session length" required {...err('sessionMinutes')}>
          <RadioGroup
            layout="horizontal"
            className={styles.radios}
            value={String(draft.sessionMinutes)}
            onChange={(_e, data) => set('sessionMinutes', Number(data.value) as ProgramInput['sessionMinutes'])}
          >
            {SESSION_MINUTES.map((m) => (
              <Radio key={m} value={String(m)} label={`${m} min`} />
            ))}
          </RadioGroup>
        </Field>
      </fieldset>

      <fieldset
        id={id('topics')}
        className={mergeClasses(styles.group, errors.topics && styles.invalid)}
        aria-describedby={[`${id('topics')}-hint`, errors.topics ? `${id('topics')}-error` : ''].filter(Boolean).join(' ')}
      >
        <legend className={styles.legend}>Topic catalogue</legend>
        <Caption1 id={`${id('topics')}-hint`} className={styles.muted}>
          Reverse mentoring is reciprocal: include topics the junior colleague teaches ({DIRECTION_LABEL.teachesUp}) and topics the senior teaches back ({DIRECTION_LABEL.teachesDown}). A new
          topic&rsquo;s id is made from its name; saved topics keep theirs.
        </Caption1>
        {errors.topics ? (
          <Text id={`${id('topics')}-error`} className={styles.error}>
            {errors.topics}
          </Text>
        ) : null}
        <div className={styles.topicHead} aria-hidden>
          <Caption1>Name</Caption1>
          <Caption1>Id</Caption1>
          <Caption1>Who teaches it</Caption1>
          <span />
        </div>
        <ul className={styles.topics}>
          {draft.topics.map((topic, i) => (
            <li key={topic.key} className={styles.topic}>
              <Field id={id(`topics.${i}.name`)} {...err(`topics.${i}.name`)}>
                <Input
                  aria-label={`Topic ${i + 1} name`}
                  value={topic.name}
                  maxLength={60}
                  onChange={(_e, data) => setTopic(i, { name: data.value, ...(topic.idTouched ? {} : { id: slugify(data.value) }) })}
                />
              </Field>
              <Field id={id(`topics.${i}.id`)} {...err(`topics.${i}.id`)}>
                <Input
                  aria-label={`Topic ${i + 1} id`}
                  value={topic.id}
                  readOnly={topic.saved}
                  appearance={topic.saved ? 'filled-darker' : 'outline'}
                  maxLength={40}
                  onChange={(_e, data) => setTopic(i, { id: data.value, idTouched: true })}
                />
              </Field>
              <Field id={id(`topics.${i}.direction`)} {...err(`topics.${i}.direction`)}>
                <Select aria-label={`Topic ${i + 1}: who teaches it`} value={topic.direction} onChange={(_e, data) => setTopic(i, { direction: data.value as Topic['direction'] })}>
                  <option value="teachesUp">Junior teaches · digital</option>
                  <option value="teachesDown">Senior teaches · strategy</option>
                </Select>
              </Field>
              <Button
                className={styles.remove}
                appearance="subtle"
                aria-label={`Remove topic ${i + 1}${topic.name ? `, ${topic.name}` : ''}`}
                onClick={() =>
                  set(
                    'topics',
                    draft.topics.filter((_t, j) => j !== i),
                  )
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <Button
          className={styles.addTopic}
          appearance="secondary"
          onClick={() => {
            const key = rowKey();
            set('topics', [...draft.topics, { key, id: '', name: '', direction: 'teachesUp', saved: false, idTouched: false }]);
            setFocusTopic(key);
          }}
        >
          Add a topic
        </Button>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Sessions</legend>
        <div className={styles.pair}>
          <Field
            id={id('agendaLeadHours')}
            label="Agenda lead time, in hours"
            hint="The agenda reaches the pair's chat this many hours before each session. 1–168 (a week)."
            {...err('agendaLeadHours')}
          >
            <SpinButton min={1} max={168} value={draft.agendaLeadHours} onChange={(_e, data) => set('agendaLeadHours', spin(data))} />
          </Field>
          <Field id={id('heldMinutes')} label="Time together, in minutes" hint="Both must be in the Teams meeting together this long for the session to count as held. 1–60." {...err('heldMinutes')}>
            <SpinButton min={1} max={60} value={draft.heldMinutes} onChange={(_e, data) => set('heldMinutes', spin(data))} />
          </Field>
        </div>
        <SessionPlanEditor mode={draft.planMode} steps={draft.planSteps} topics={draft.topics} errors={errors} fieldId={id} onChange={setPlan} />
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Who may mentor whom</legend>
        <Caption1 className={styles.muted}>The mentor is the more junior colleague: how far apart must a pair be?</Caption1>
        <div className={styles.pair}>
          <Field id={id('seniority.minLevelGap')} label="Minimum levels apart" hint="Hierarchy levels, 0–10" {...err('seniority.minLevelGap')}>
            <SpinButton min={0} max={10} value={draft.seniority.minLevelGap} onChange={(_e, data) => setSeniority({ minLevelGap: spin(data) })} />
          </Field>
          <Field id={id('seniority.minTenureYearsGap')} label="Minimum years of tenure apart" hint="Years at the company, 0–40" {...err('seniority.minTenureYearsGap')}>
            <SpinButton min={0} max={40} value={draft.seniority.minTenureYearsGap} onChange={(_e, data) => setSeniority({ minTenureYearsGap: spin(data) })} />
          </Field>
        </div>
        <Field id={id('seniority.combine')} label="Which gap counts" {...err('seniority.combine')}>
          <RadioGroup layout="horizontal" className={styles.radios} value={draft.seniority.combine} onChange={(_e, data) => setSeniority({ combine: data.value as SeniorityRule['combine'] })}>
            {(Object.keys(COMBINE_LABEL) as Array<SeniorityRule['combine']>).map((c) => (
              <Radio key={c} value={c} label={COMBINE_LABEL[c]} />
            ))}
          </RadioGroup>
        </Field>
        <Field id={id('mentorCapacity')} className={styles.narrow} label="Mentees per mentor, at most" hint="1–5" {...err('mentorCapacity')}>
          <SpinButton min={1} max={5} value={draft.mentorCapacity} onChange={(_e, data) => set('mentorCapacity', spin(data))} />
        </Field>
      </fieldset>

      <fieldset
        id={id('matchingWeights')}
        className={mergeClasses(styles.group, errors.matchingWeights && styles.invalid)}
        aria-describedby={[`${id('matchingWeights')}-hint`, errors.matchingWeights ? `${id('matchingWeights')}-error` : ''].filter(Boolean).join(' ')}
      >
        <legend className={styles.legend}>Matching preferences</legend>
        <MatchingPreferences
          weights={draft.matchingWeights}
          minLevelGap={draft.seniority.minLevelGap}
          errors={errors}
          fieldId={id}
          onChange={(next, edited) => {
            setDraft((d) => ({ ...d, matchingWeights: next }));
            clear(...edited);
          }}
        />
      </fieldset>

      <SeriesChangeDialog
        preview={preview}
        saving={submitting}
        onCancel={() => setPreview(null)}
        onConfirm={() => {
          setSubmitting(true);
          void confirm?.();
        }}
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={submitting} icon={submitting ? <Spinner size="tiny" /> : undefined}>
          {program ? 'Save changes' : 'Create program'}
        </Button>
        <Button appearance="secondary" disabled={submitting} onClick={() => navigate(hrefFor.admin())}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
