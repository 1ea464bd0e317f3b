import { useState } from 'preact/hooks';
import { defaultPolicy } from '../../../shared/domain/policy.ts';
import { taskBodySchema, taskCreateSchema } from '../../../shared/schemas/api.ts';
import { api, post } from '../api.ts';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { type Dict, useLang } from '../i18n.ts';
import { policyTitle } from '../model/names.ts';
import { blankTask, deadlineOf, type TaskValues, taskBodyOf, valuesOf } from '../model/task-values.ts';
import type { DirectiveData } from '../pages/directive.tsx';
import { href } from '../router.ts';
import type { Task, TaskWithAssignments } from '../types.ts';
import { DeadlineFields } from './deadline-fields.tsx';
import { RecurrenceChoice } from './recurrence-choice.tsx';
import { TimelinePreview } from './timeline.tsx';
import { describedBy, Field, FormMessage, when } from './ui.tsx';
import { UnitChoice } from './unit-choice.tsx';

export const taskLabels = (t: Dict) => ({
  title: t.taskTitle,
  due: t.deadlineKind,
  recurrence: t.recurrenceShort,
  policy: t.policy,
  lead: t.leadUnits,
  support: t.supportUnits,
  urgent: t.urgent,
});

/**
 * A new task of the directive (the form empties after a create), or an edit of `existing` (sent
 * with its version as If-Match; units in `locked` have acted on it and cannot be taken off). Never
 * sends twice.
 */
export function TaskForm(props: {
  data: DirectiveData;
  existing?: Task;
  locked?: string[];
  onSaved: () => void;
}) {
  const { data, existing } = props;
  const { t, lang } = useLang();
  const issued = data.directive.issuedOn.split('-').reverse().join('/');
  const [v, setV] = useState<TaskValues>(() => (existing ? valuesOf(existing, issued) : blankTask(issued)));
  const [failure, setFailure] = useState<FormFailure>();
  const [done, setDone] = useState<TaskWithAssignments>();
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<TaskValues>) => setV({ ...v, ...patch });
  const err = (...p: string[]) => failure && errorAt(failure.errors, ...p);
  const due = deadlineOf(v);
  const path = `/directives/${encodeURIComponent(data.directive.id)}/tasks`;
  const send = async (body: unknown) =>
    existing
      ? api<TaskWithAssignments>('PUT', `${path}/${encodeURIComponent(existing.id)}`, {
          body,
          ifMatch: existing.version,
        })
      : post<TaskWithAssignments>(path, body);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    const checked = validate(existing ? taskBodySchema : taskCreateSchema, taskBodyOf(v), lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setBusy(true);
    try {
      const result = await send(checked.data);
      setFailure(undefined);
      setDone(result);
      if (!existing) setV(blankTask(issued));
      props.onSaved();
    } catch (error) {
      setDone(undefined);
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
  const idp = existing ? `task-${existing.id}` : 'task';
  const headingId = `${idp}-heading`;
  const ok = done && (existing ? t.taskSaved : t.taskCreated)(done.assignments.length);
  return (
    <form class="card" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{existing ? t.editTask : t.newTask}</h2>
      <FormMessage failure={failure} ok={ok} labels={taskLabels(t)} onRetry={submit} />
      <Field id={`${idp}-title`} label={t.taskTitle} error={err('title')}>
        <textarea
          {...describedBy(`${idp}-title`, err('title'))}
          name="title"
          rows={2}
          value={v.title}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
      </Field>
      <DeadlineFields v={v} update={update} error={err('due')} idPrefix={idp} />
      <RecurrenceChoice
        value={v.recurrence}
        kept={v.keptRule}
        onChange={(recurrence) => update({ recurrence, keptRule: undefined })}
      />
      <UnitChoice
        legend={t.leadUnits}
        name={`${idp}-lead`}
        units={data.units}
        chosen={v.lead}
        locked={props.locked}
        onToggle={(id) => toggle('lead', id)}
        error={err('lead')}
      />
      <UnitChoice
        legend={t.supportUnits}
        name={`${idp}-support`}
        units={data.units}
        chosen={v.support}
        onToggle={(id) => toggle('support', id)}
        error={err('support')}
      />
      <div class="grid">
        <Field id={`${idp}-policy`} label={t.policy} error={err('policy')}>
          <select
            {...describedBy(`${idp}-policy`, err('policy'))}
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
        idPrefix={`${idp}-preview`}
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
        {existing ? t.save : t.create}
      </button>
      {done && !existing && (
        <ul class="assignment-list" aria-label={t.assignments}>
          {done.assignments.map((a) => (
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
