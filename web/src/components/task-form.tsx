import { useState } from 'preact/hooks';
import { defaultPolicy } from '../../../shared/domain/policy.ts';
import { taskCreateSchema } from '../../../shared/schemas/api.ts';
import type { DeadlineRule } from '../../../shared/schemas/entities.ts';
import { post } from '../api.ts';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { type Dict, useLang } from '../i18n.ts';
import { isoFromDayText, timeFromText } from '../model/date-text.ts';
import { policyTitle } from '../model/names.ts';
import { type RecurrenceChoice as Choice, choiceOf, ruleOf } from '../model/recurrence-builder.ts';
import type { DirectiveData } from '../pages/directive.tsx';
import { href } from '../router.ts';
import type { TaskWithAssignments } from '../types.ts';
import { RecurrenceChoice } from './recurrence-choice.tsx';
import { TimelinePreview } from './timeline.tsx';
import { DayInput, describedBy, Field, FormMessage, when } from './ui.tsx';
import { UnitChoice } from './unit-choice.tsx';

type DeadlineKind = 'date' | 'instant' | 'workingDays';

export interface TaskValues {
  title: string;
  kind: DeadlineKind;
  /** dd/mm/yyyy as typed. */
  date: string;
  /** hh:mm (24-hour) as typed. */
  time: string;
  workingDays: string;
  /** dd/mm/yyyy as typed. */
  after: string;
  recurrence: Choice;
  policy: string;
  lead: string[];
  support: string[];
  urgent: boolean;
}

/** The deadline rule the form describes (undefined while incomplete). */
export function deadlineOf(
  v: Pick<TaskValues, 'kind' | 'date' | 'time' | 'workingDays' | 'after'>,
): DeadlineRule | undefined {
  const date = isoFromDayText(v.date);
  if (v.kind === 'date') return date || undefined;
  if (v.kind === 'instant') return date && v.time ? `${date}T${timeFromText(v.time)}:00+07:00` : undefined;
  if (v.workingDays === '' || !v.after) return undefined;
  return { workingDays: Number(v.workingDays), after: isoFromDayText(v.after) };
}

export const taskLabels = (t: Dict) => ({
  title: t.taskTitle,
  due: t.deadlineKind,
  recurrence: t.recurrenceShort,
  policy: t.policy,
  lead: t.leadUnits,
  support: t.supportUnits,
  urgent: t.urgent,
});

const blankTask = (after: string): TaskValues => ({
  title: '',
  kind: 'date',
  date: '',
  time: '17:00',
  workingDays: '10',
  after,
  recurrence: choiceOf(undefined) as Choice,
  policy: 'mac-dinh',
  lead: [],
  support: [],
  urgent: false,
});

/** A new task of the directive; the form empties after a create and cannot send twice. */
export function TaskForm({ data, onCreated }: { data: DirectiveData; onCreated: () => void }) {
  const { t, lang } = useLang();
  const issued = data.directive.issuedOn.split('-').reverse().join('/');
  const [v, setV] = useState<TaskValues>(() => blankTask(issued));
  const [failure, setFailure] = useState<FormFailure>();
  const [created, setCreated] = useState<TaskWithAssignments>();
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<TaskValues>) => setV({ ...v, ...patch });
  const err = (...p: string[]) => failure && errorAt(failure.errors, ...p);
  const due = deadlineOf(v);
  const recurrence = ruleOf(v.recurrence);
  const body = {
    title: v.title,
    due,
    ...(recurrence ? { recurrence } : {}),
    policy: v.policy,
    lead: v.lead,
    support: v.support,
    urgent: v.urgent,
  };
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    const checked = validate(taskCreateSchema, body, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setBusy(true);
    try {
      const path = `/directives/${encodeURIComponent(data.directive.id)}/tasks`;
      const result = await post<TaskWithAssignments>(path, checked.data);
      setFailure(undefined);
      setCreated(result);
      setV(blankTask(issued));
      onCreated();
    } catch (error) {
      setCreated(undefined);
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  const policies = data.policies.some((p) => p.name === defaultPolicy.name)
    ? data.policies
    : [defaultPolicy, ...data.policies];
  const policy = policies.find((p) => p.name === v.policy);
  const firstLead = data.units.find((u) => u.id === v.lead[0]);
  const toggle = (list: 'lead' | 'support', id: string) =>
    update({ [list]: v[list].includes(id) ? v[list].filter((x) => x !== id) : [...v[list], id] });
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-task" noValidate>
      <h2 id="new-task">{t.newTask}</h2>
      <FormMessage
        failure={failure}
        ok={created && t.taskCreated(created.assignments.length)}
        labels={taskLabels(t)}
        onRetry={submit}
      />
      <Field id="task-title" label={t.taskTitle} error={err('title')}>
        <textarea
          {...describedBy('task-title', err('title'))}
          name="title"
          rows={2}
          value={v.title}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
      </Field>
      <DeadlineFields v={v} update={update} error={err('due')} />
      <RecurrenceChoice value={v.recurrence} onChange={(recurrence) => update({ recurrence })} />
      <UnitChoice
        legend={t.leadUnits}
        name="lead"
        units={data.units}
        chosen={v.lead}
        onToggle={(id) => toggle('lead', id)}
        error={err('lead')}
      />
      <UnitChoice
        legend={t.supportUnits}
        name="support"
        units={data.units}
        chosen={v.support}
        onToggle={(id) => toggle('support', id)}
        error={err('support')}
      />
      <div class="grid">
        <Field id="task-policy" label={t.policy} error={err('policy')}>
          <select
            {...describedBy('task-policy', err('policy'))}
            name="policy"
            value={v.policy}
            onChange={(e) => update({ policy: e.currentTarget.value })}
          >
            {policies.map((p) => (
              <option key={p.name} value={p.name}>
                {policyTitle(p, lang)}
              </option>
            ))}
          </select>
        </Field>
        <p class="field">
          <a href={href('policies', v.policy)}>
            {t.edit}: {policyTitle(policy ?? { name: v.policy }, lang)}
          </a>
        </p>
      </div>
      <label class="check">
        <input
          type="checkbox"
          name="urgent"
          checked={v.urgent}
          onChange={(e) => update({ urgent: e.currentTarget.checked })}
        />{' '}
        {t.urgent}
      </label>
      <TimelinePreview
        idPrefix="task-preview"
        policy={policy}
        due={due}
        urgent={v.urgent}
        overrides={data.overrides}
        sample={{
          unitName: firstLead?.name ?? 'Sở Nội vụ',
          taskTitle: v.title || t.taskTitle,
          directiveNumber: data.directive.number,
        }}
      />
      <button type="submit" class="primary" disabled={busy}>
        {t.create}
      </button>
      {created && (
        <ul class="assignment-list" aria-label={t.assignments}>
          {created.assignments.map((a) => (
            <li key={a.id}>
              <a href={href('assignments', a.id)}>
                {data.units.find((u) => u.id === a.unitId)?.name ?? a.unitId}
              </a>{' '}
              — {when(a.dueAt)}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function DeadlineFields(props: {
  v: TaskValues;
  update: (patch: Partial<TaskValues>) => void;
  error: string | undefined;
}) {
  const { t } = useLang();
  const { v, update, error } = props;
  const kinds = [
    ['date', t.deadlineDate],
    ['instant', t.deadlineInstant],
    ['workingDays', t.deadlineWorkingDays],
  ] as const;
  return (
    <fieldset aria-describedby={error ? 'due-error' : undefined}>
      <legend>{t.deadlineKind}</legend>
      <div class="radios">
        {kinds.map(([kind, label]) => (
          <label key={kind}>
            <input
              type="radio"
              name="deadline-kind"
              value={kind}
              checked={v.kind === kind}
              onChange={() => update({ kind })}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      <div class="grid">
        {v.kind !== 'workingDays' && (
          <Field id="task-date" label={t.deadlineDateLabel} hint={t.dayFormatHint}>
            <DayInput
              id="task-date"
              name="date"
              value={v.date}
              error={error}
              onInput={(date) => update({ date })}
            />
          </Field>
        )}
        {v.kind === 'instant' && (
          <Field id="task-time" label={t.deadlineTimeLabel} hint={t.timeFormatHint}>
            <input
              {...describedBy('task-time', error, t.timeFormatHint)}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="hh:mm"
              name="time"
              value={v.time}
              onInput={(e) => update({ time: e.currentTarget.value })}
            />
          </Field>
        )}
        {v.kind === 'workingDays' && (
          <>
            <Field id="task-wd" label={t.workingDaysLabel}>
              <input
                {...describedBy('task-wd', error)}
                type="number"
                min="0"
                max="1000"
                name="workingDays"
                value={v.workingDays}
                onInput={(e) => update({ workingDays: e.currentTarget.value })}
              />
            </Field>
            <Field id="task-after" label={t.afterLabel} hint={t.dayFormatHint}>
              <DayInput
                id="task-after"
                name="after"
                value={v.after}
                error={error}
                onInput={(after) => update({ after })}
              />
            </Field>
          </>
        )}
      </div>
      {error && (
        <p class="error" id="due-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
