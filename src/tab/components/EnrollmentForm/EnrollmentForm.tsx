import { Body1Strong, Button, Caption1, Checkbox, Field, Link, Radio, RadioGroup, Spinner, Textarea, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { GOAL_MAX_LENGTH, ROLES, type Cadence, type Enrollment, type EnrollmentInput, type EnrollmentRole, type Program } from '../../../contracts/programs.ts';
import { ApiRequestError, type ApiClient } from '../../api.ts';
import { fieldId, placeError, type FieldErrors } from '../../fieldErrors.ts';
import { CADENCE_LABEL, sessionsAsk, ROLE_HINT, ROLE_LABEL, smartNudge } from '../../programText.ts';
import { hrefFor, navigate, onLinkClick } from '../../router.ts';
import { ErrorSummary } from '../ErrorSummary/ErrorSummary.tsx';
import { TopicChooser } from '../TopicChooser/TopicChooser.tsx';
import { useEnrollmentFormStyles } from './EnrollmentForm.styles.ts';

const FORM = 'enroll';
const MAX_GOALS = 3;
const TERMS = 'I take part voluntarily; my manager will be asked to approve; I can withdraw at any time';

type Side = 'teach' | 'learn';
const teaches = (role: EnrollmentRole | null) => role === 'mentor' || role === 'both';
const learns = (role: EnrollmentRole | null) => role === 'mentee' || role === 'both';

interface Draft {
  role: EnrollmentRole | null;
  teach: Record<string, number>;
  learn: Record<string, number>;
  goals: string[];
  cadence: Cadence | null;
  acceptedTerms: boolean;
}

function initialDraft(program: Program, enrollment: Enrollment | undefined): Draft {
  if (enrollment) {
    return {
      role: enrollment.role,
      teach: Object.fromEntries(enrollment.teach.map((c) => [c.topicId, c.level])),
      learn: Object.fromEntries(enrollment.learn.map((c) => [c.topicId, c.level])),
      goals: enrollment.goals.length ? enrollment.goals : [''],
      cadence: enrollment.cadence,
      acceptedTerms: true,
    };
  }
  return {
    role: null,
    teach: {},
    learn: {},
    goals: [''],
    cadence: program.cadences.includes('biweekly') ? 'biweekly' : (program.cadences[0] ?? null),
    acceptedTerms: false,
  };
}

/** The request body, topics in the catalogue's order; the side a role does not use is sent empty. */
function toInput(
  program: Program,
  d: Draft,
): { role: EnrollmentRole | null; teach: EnrollmentInput['teach']; learn: EnrollmentInput['learn']; goals: string[]; cadence: Cadence | null; acceptedTerms: boolean } {
  const chosen = (side: Side, used: boolean) => (used ? program.topics.filter((t) => d[side][t.id] !== undefined).map((t) => ({ topicId: t.id, level: d[side][t.id]! })) : []);
  return {
    role: d.role,
    teach: chosen('teach', teaches(d.role)),
    learn: chosen('learn', learns(d.role)),
    goals: d.goals.map((g) => g.trim()),
    cadence: d.cadence,
    acceptedTerms: d.acceptedTerms,
  };
}

/** The server's checks, mirrored so most mistakes show before a round trip (the server still decides). */
function check(input: ReturnType<typeof toInput>): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.role) errors.role = 'Choose whether you join as a mentor, a mentee or both.';
  if (teaches(input.role) && input.teach.length === 0) errors.teach = 'Choose at least one topic you can teach.';
  if (learns(input.role) && input.learn.length === 0) errors.learn = 'Choose at least one topic you want to learn.';
  input.goals.forEach((g, i) => {
    // Each goal has a Remove button only while there are two or more.
    if (!g) errors[`goals.${i}`] = input.goals.length > 1 ? `Write goal ${i + 1}, or remove it.` : 'Write at least one goal.';
    else if (g.length > GOAL_MAX_LENGTH) errors[`goals.${i}`] = `Goal ${i + 1} is ${g.length} characters: keep it to ${GOAL_MAX_LENGTH}.`;
  });
  if (!input.cadence) errors.cadence = 'Choose how often you would meet.';
  if (!input.acceptedTerms) errors.acceptedTerms = 'Accept the program terms to enroll.';
  return errors;
}

export interface EnrollmentFormProps {
  program: Program;
  /** Editing a pending enrollment; absent when enrolling. */
  enrollment?: Enrollment | undefined;
  api: ApiClient;
  onSaved: (enrollment: Enrollment) => void;
}

type Failure = { title: string; message: string; correlationId?: string | undefined; existingId?: string | undefined } | null;

/** Enroll in a program (or edit a pending enrollment): role, topics and levels, goals, cadence, terms. */
export function EnrollmentForm({ program, enrollment, api, onSaved }: EnrollmentFormProps) {
  const styles = useEnrollmentFormStyles();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(program, enrollment));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<Failure>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const id = (path: string) => fieldId(FORM, path);
  const topicName = (topicId: string) => program.topics.find((t) => t.id === topicId)?.name ?? topicId;

  // After a failed submit, the summary takes focus so it is read first and its links lead on.
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // An error goes once its field is touched; the summary lists the rest.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([path]) => path !== key && !path.startsWith(`${String(key)}.`) && !path.startsWith(`${String(key)}:`))));
  };
  const setGoal = (index: number, text: string) => {
    setDraft((d) => ({ ...d, goals: d.goals.map((g, i) => (i === index ? text : g)) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([path]) => path !== `goals.${index}` && path !== 'goals')));
  };

  const fail = (fields: FieldErrors, form: Failure) => {
    setErrors(fields);
    setFailure(form);
    setAttempt((n) => n + 1);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const input = toInput(program, draft);
    const problems = check(input);
    if (Object.keys(problems).length > 0) return fail(problems, null);
    const body: EnrollmentInput = { ...input, role: input.role!, cadence: input.cadence!, acceptedTerms: true };
    setSubmitting(true);
    (enrollment ? api.updateEnrollment(enrollment.id, body) : api.enroll(program.id, body)).then(
      (saved) => {
        setSubmitting(false);
        onSaved(saved);
      },
      async (error: unknown) => {
        setSubmitting(false);
        if (!enrollment && error instanceof ApiRequestError && error.status === 409 && error.field === 'programId') {
          const mine = await api.enrollments().catch(() => []);
          const existing = mine.find((e) => e.programId === program.id && (e.status === 'pending' || e.status === 'approved'));
          return fail({}, { title: 'You are already enrolled', message: `You already have an enrollment in ${program.name}: open it to edit or withdraw it.`, existingId: existing?.id });
        }
        const placed = placeError(error, (path) => resolvePath(path, body));
        fail(placed.fields, placed.form);
      },
    );
  };

  /** The server's path (`teach.2.topicId`, `goals.0`) as this form's field, named for the sentence. */
  const resolvePath = (path: string, body: EnrollmentInput): { path: string; label: string } | null => {
    const [head, index] = path.split('.');
    if (head === 'role') return { path: 'role', label: 'Your role' };
    if (head === 'cadence') return { path: 'cadence', label: 'The cadence' };
    if (head === 'acceptedTerms') return { path: 'acceptedTerms', label: 'The terms' };
    if (head === 'goals') return index !== undefined ? { path: `goals.${index}`, label: `Goal ${Number(index) + 1}` } : { path: 'goals', label: 'Goals' };
    if (head === 'teach' || head === 'learn') {
      const choice = index !== undefined ? body[head][Number(index)] : undefined;
      return choice ? { path: `${head}:${choice.topicId}`, label: topicName(choice.topicId) } : { path: head, label: head === 'teach' ? 'Topics you can teach' : 'Topics you want to learn' };
    }
    return null;
  };

  const topicErrors = (side: Side) =>
    Object.fromEntries(
      Object.entries(errors)
        .filter(([path]) => path.startsWith(`${side}:`))
        .map(([path, message]) => [path.slice(side.length + 1), message]),
    );

  // The summary in the form's order.
  const order = [
    'role',
    'teach',
    ...program.topics.map((t) => `teach:${t.id}`),
    'learn',
    ...program.topics.map((t) => `learn:${t.id}`),
    'goals',
    ...draft.goals.map((_g, i) => `goals.${i}`),
    'cadence',
    'acceptedTerms',
  ];
  const items = order.filter((path) => errors[path]).map((path) => ({ id: id(path), message: errors[path]! }));
  const showSummary = items.length > 0 || failure !== null;

  return (
    <form className={styles.root} onSubmit={submit} noValidate aria-label={enrollment ? `Edit your enrollment in ${program.name}` : `Enroll in ${program.name}`}>
      {showSummary ? (
        <ErrorSummary
          ref={summary}
          title={failure?.title ?? (items.length === 1 ? 'One thing to fix before you enroll' : `${items.length} things to fix before you enroll`)}
          items={items}
          correlationId={failure?.correlationId}
          message={
            failure ? (
              <>
                {failure.message}{' '}
                {failure.existingId ? (
                  <Link href={hrefFor.enrollment(failure.existingId)} onClick={onLinkClick(hrefFor.enrollment(failure.existingId))}>
                    Open my enrollment
                  </Link>
                ) : null}
              </>
            ) : undefined
          }
        />
      ) : null}

      <Field id={id('role')} label={{ children: 'Your role', weight: 'semibold' }} required validationMessage={errors.role} validationState={errors.role ? 'error' : 'none'}>
        <RadioGroup value={draft.role ?? ''} onChange={(_event, data) => set('role', data.value as EnrollmentRole)}>
          {ROLES.map((role) => (
            <Radio
              key={role}
              value={role}
              label={
                <span className={styles.radioLabel}>
                  <Body1Strong>{ROLE_LABEL[role]}</Body1Strong>
                  <Caption1 className={styles.muted}>{ROLE_HINT[role]}</Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>

      {teaches(draft.role) || !draft.role ? (
        <TopicChooser
          id={id('teach')}
          legend="Topics you can teach"
          description="Tick what you could help a colleague with, and rate yourself from 1 (getting started) to 5 (could teach a class)."
          levelLabel="Your level"
          topics={program.topics}
          value={draft.teach}
          onChange={(value) => set('teach', value)}
          error={errors.teach}
          topicErrors={topicErrors('teach')}
          topicId={(topicId) => id(`teach:${topicId}`)}
        />
      ) : null}

      {learns(draft.role) || !draft.role ? (
        <TopicChooser
          id={id('learn')}
          legend="Topics you want to learn"
          description="Tick what you want to get better at, and rate where you are now from 1 (new to it) to 5 (confident)."
          levelLabel="Where you are"
          topics={program.topics}
          value={draft.learn}
          onChange={(value) => set('learn', value)}
          error={errors.learn}
          topicErrors={topicErrors('learn')}
          topicId={(topicId) => id(`learn:${topicId}`)}
        />
      ) : null}

      <fieldset id={id('goals')} className={styles.goals}>
        <legend className={styles.legend}>Your goals</legend>
        <Caption1 className={styles.muted}>One to three goals. Specific, measurable and time-bound goals give you and your partner something to aim for.</Caption1>
        {draft.goals.map((goal, i) => {
          const nudge = smartNudge(goal);
          const over = goal.trim().length > GOAL_MAX_LENGTH;
          const error = errors[`goals.${i}`];
          return (
            <div key={i} className={styles.goal}>
              <Field
                id={id(`goals.${i}`)}
                className={styles.goalField}
                label={`Goal ${i + 1}`}
                required={i === 0}
                validationMessage={error}
                validationState={error ? 'error' : 'none'}
                hint={
                  <span className={styles.hint}>
                    <span className={styles.nudge}>{nudge ?? ''}</span>
                    <span className={mergeClasses(styles.counter, over && styles.over)}>
                      {goal.trim().length} / {GOAL_MAX_LENGTH}
                    </span>
                  </span>
                }
              >
                <Textarea
                  resize="vertical"
                  rows={2}
                  value={goal}
                  placeholder={i === 0 ? 'e.g. By June, build my first Power BI dashboard for the weekly sales review' : undefined}
                  onChange={(_event, data) => setGoal(i, data.value)}
                />
              </Field>
              {draft.goals.length > 1 ? (
                <Button
                  className={styles.goalRemove}
                  appearance="subtle"
                  aria-label={`Remove goal ${i + 1}`}
                  onClick={() => {
                    set(
                      'goals',
                      draft.goals.filter((_g, j) => j !== i),
                    );
                  }}
                >
                  Remove
                </Button>
              ) : null}
            </div>
          );
        })}
        {draft.goals.length < MAX_GOALS ? (
          <Button className={styles.addGoal} appearance="secondary" onClick={() => set('goals', [...draft.goals, ''])}>
            Add a goal
          </Button>
        ) : null}
      </fieldset>

      <Field
        id={id('cadence')}
        label={{ children: 'How often you would meet', weight: 'semibold' }}
        hint={`Sessions last ${program.sessionMinutes} minutes; your partner and you settle on the exact times.`}
        required
        validationMessage={errors.cadence}
        validationState={errors.cadence ? 'error' : 'none'}
      >
        <RadioGroup value={draft.cadence ?? ''} onChange={(_event, data) => set('cadence', data.value as Cadence)}>
          {program.cadences.map((cadence) => (
            <Radio
              key={cadence}
              value={cadence}
              label={
                <span className={styles.radioLabel}>
                  <Body1Strong>{CADENCE_LABEL[cadence]}</Body1Strong>
                  <Caption1 className={styles.muted}>{sessionsAsk(program, cadence)}</Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>

      <Field id={id('acceptedTerms')} validationMessage={errors.acceptedTerms} validationState={errors.acceptedTerms ? 'error' : 'none'}>
        <Checkbox label={TERMS} checked={draft.acceptedTerms} onChange={(_event, data) => set('acceptedTerms', data.checked === true)} />
      </Field>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={submitting} icon={submitting ? <Spinner size="tiny" /> : undefined}>
          {enrollment ? 'Save changes' : 'Send for approval'}
        </Button>
        <Button appearance="secondary" onClick={() => navigate(enrollment ? hrefFor.enrollment(enrollment.id) : hrefFor.programs())} disabled={submitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
