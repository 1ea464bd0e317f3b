import { useState } from 'preact/hooks';
import { defaultPolicy, type ReminderPolicy } from '../../../shared/domain/policy.ts';
import { directiveCreateSchema, taskCreateSchema } from '../../../shared/schemas/api.ts';
import type { DeadlineRule } from '../../../shared/schemas/entities.ts';
import { get, listAll, post } from '../api.ts';
import { TimelinePreview } from '../components/timeline.tsx';
import { describedBy, Field, FormMessage, LoadState, StatusBadge, useLoad, when } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { href, navigate } from '../router.ts';
import type {
  AssignmentView,
  CalendarOverride,
  Directive,
  StoredPolicy,
  Task,
  TaskWithAssignments,
  Unit,
} from '../types.ts';

export function DirectivesPage() {
  const { t } = useLang();
  const loaded = useLoad(() => listAll<Directive>('/directives'), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.directivesTitle}</h1>
      <LoadState loaded={loaded}>
        {(directives) => (
          <ul class="cards">
            {directives.map((d) => (
              <li key={d.id} class="card">
                <a href={href('directives', d.id)}>
                  <strong>{d.number}</strong>
                </a>{' '}
                — {d.title}{' '}
                <span class="muted">
                  ({d.issuer}, {d.issuedOn})
                </span>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <DirectiveForm />
    </>
  );
}

function DirectiveForm() {
  const { t, lang } = useLang();
  const [values, setValues] = useState({ id: '', number: '', issuedOn: '', issuer: '', title: '' });
  const [failure, setFailure] = useState<FormFailure>();
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: e.currentTarget.value });
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = { ...values, ...(values.id ? {} : { id: undefined }) };
    const checked = validate(directiveCreateSchema, input, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    try {
      const created = await post<Directive>('/directives', checked.data);
      navigate('directives', created.id);
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const text = (key: keyof typeof values, label: string, type: 'text' | 'date' = 'text') => (
    <Field id={`directive-${key}`} label={label} error={err(key)}>
      <input
        {...describedBy(`directive-${key}`, err(key))}
        type={type as 'text'}
        name={key}
        value={values[key]}
        onInput={set(key)}
      />
    </Field>
  );
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-directive" noValidate>
      <h2 id="new-directive">{t.newDirective}</h2>
      <FormMessage failure={failure} />
      <div class="grid">
        {text('number', t.number)}
        {text('issuedOn', t.issuedOn, 'date')}
        {text('issuer', t.issuer)}
        {text('id', t.id)}
      </div>
      <Field id="directive-title" label={t.title} error={err('title')}>
        <textarea
          {...describedBy('directive-title', err('title'))}
          name="title"
          rows={2}
          value={values.title}
          onInput={set('title')}
        />
      </Field>
      <button type="submit" class="primary">
        {t.create}
      </button>
    </form>
  );
}

interface DirectiveData {
  directive: Directive;
  tasks: Task[];
  units: Unit[];
  policies: ReminderPolicy[];
  overrides: CalendarOverride[];
  assignments: AssignmentView[];
}

async function loadDirective(id: string): Promise<DirectiveData> {
  const [directive, tasks, units, stored, overrides, all] = await Promise.all([
    get<Directive>(`/directives/${encodeURIComponent(id)}`),
    listAll<Task>(`/directives/${encodeURIComponent(id)}/tasks`),
    listAll<Unit>('/units'),
    listAll<StoredPolicy>('/policies'),
    listAll<CalendarOverride>('/calendar/overrides'),
    listAll<AssignmentView>('/assignments'),
  ]);
  const policies: ReminderPolicy[] = stored.some((p) => p.name === defaultPolicy.name)
    ? stored
    : [defaultPolicy, ...stored];
  return {
    directive,
    tasks,
    units,
    policies,
    overrides,
    assignments: all.filter((a) => a.directiveId === id),
  };
}

export function DirectivePage({ id }: { id: string }) {
  const { t } = useLang();
  const loaded = useLoad(() => loadDirective(id), [id]);
  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <>
          <h1 tabIndex={-1}>
            {data.directive.number} — {data.directive.title}
          </h1>
          <p class="muted">
            {data.directive.issuer}, {data.directive.issuedOn}
          </p>
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t.tasksTitle}</h2>
            {data.tasks.length === 0 && <p>{t.none}</p>}
            {data.tasks.map((task) => (
              <TaskCard key={task.id} task={task} data={data} />
            ))}
          </section>
          <TaskForm data={data} onCreated={loaded.reload} />
        </>
      )}
    </LoadState>
  );
}

function TaskCard({ task, data }: { task: Task; data: DirectiveData }) {
  const { t } = useLang();
  const name = (id: string) => data.units.find((u) => u.id === id)?.name ?? id;
  const assignments = data.assignments.filter((a) => a.taskId === task.id);
  return (
    <article class="card" aria-labelledby={`task-${task.id}`}>
      <h3 id={`task-${task.id}`}>{task.title}</h3>
      <p class="muted">
        {t.due}: {typeof task.due === 'string' ? task.due : `${task.due.workingDays} wd / ${task.due.after}`}{' '}
        · {t.policy}: {task.policy}
        {task.recurrence ? ` · ${task.recurrence}` : ''}
        {task.support.length > 0 && ` · ${t.supportUnits}: ${task.support.map(name).join(', ')}`}
      </p>
      <ul class="assignment-list">
        {assignments.map((a) => (
          <li key={a.id}>
            <a href={href('assignments', a.id)}>{name(a.unitId)}</a> — {when(a.dueAt)}{' '}
            <StatusBadge status={a.status} /> {a.progress}%
          </li>
        ))}
      </ul>
    </article>
  );
}

type DeadlineKind = 'date' | 'instant' | 'workingDays';

interface TaskValues {
  title: string;
  kind: DeadlineKind;
  date: string;
  time: string;
  workingDays: string;
  after: string;
  recurrence: string;
  policy: string;
  lead: string[];
  support: string[];
  urgent: boolean;
}

/** The deadline rule the form describes (undefined while incomplete). */
export function deadlineOf(
  v: Pick<TaskValues, 'kind' | 'date' | 'time' | 'workingDays' | 'after'>,
): DeadlineRule | undefined {
  if (v.kind === 'date') return v.date || undefined;
  if (v.kind === 'instant') return v.date && v.time ? `${v.date}T${v.time}:00+07:00` : undefined;
  if (v.workingDays === '' || !v.after) return undefined;
  return { workingDays: Number(v.workingDays), after: v.after };
}

function TaskForm({ data, onCreated }: { data: DirectiveData; onCreated: () => void }) {
  const { t, lang } = useLang();
  const [v, setV] = useState<TaskValues>({
    title: '',
    kind: 'date',
    date: '',
    time: '17:00',
    workingDays: '10',
    after: data.directive.issuedOn,
    recurrence: '',
    policy: 'mac-dinh',
    lead: [],
    support: [],
    urgent: false,
  });
  const [failure, setFailure] = useState<FormFailure>();
  const [created, setCreated] = useState<TaskWithAssignments>();
  const update = (patch: Partial<TaskValues>) => setV({ ...v, ...patch });
  const err = (...p: string[]) => failure && errorAt(failure.errors, ...p);
  const due = deadlineOf(v);
  const body = {
    title: v.title,
    due,
    ...(v.recurrence.trim() ? { recurrence: v.recurrence.trim() } : {}),
    policy: v.policy,
    lead: v.lead,
    support: v.support,
    urgent: v.urgent,
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = validate(taskCreateSchema, body, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    try {
      const result = await post<TaskWithAssignments>(
        `/directives/${encodeURIComponent(data.directive.id)}/tasks`,
        checked.data,
      );
      setFailure(undefined);
      setCreated(result);
      onCreated();
    } catch (error) {
      setCreated(undefined);
      setFailure(failureOf(error, lang));
    }
  };
  const policy = data.policies.find((p) => p.name === v.policy);
  const firstLead = data.units.find((u) => u.id === v.lead[0]);
  const toggle = (list: 'lead' | 'support', id: string) =>
    update({ [list]: v[list].includes(id) ? v[list].filter((x) => x !== id) : [...v[list], id] });
  const dueError = err('due');
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-task" noValidate>
      <h2 id="new-task">{t.newTask}</h2>
      <FormMessage failure={failure} ok={created && t.taskCreated(created.assignments.length)} />
      <Field id="task-title" label={t.taskTitle} error={err('title')}>
        <textarea
          {...describedBy('task-title', err('title'))}
          name="title"
          rows={2}
          value={v.title}
          onInput={(e) => update({ title: e.currentTarget.value })}
        />
      </Field>
      <fieldset aria-describedby={dueError ? 'due-error' : undefined}>
        <legend>{t.deadlineKind}</legend>
        <div class="radios">
          {(
            [
              ['date', t.deadlineDate],
              ['instant', t.deadlineInstant],
              ['workingDays', t.deadlineWorkingDays],
            ] as const
          ).map(([kind, label]) => (
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
            <Field id="task-date" label={t.deadlineDateLabel}>
              <input
                {...describedBy('task-date', dueError)}
                type="date"
                name="date"
                value={v.date}
                onInput={(e) => update({ date: e.currentTarget.value })}
              />
            </Field>
          )}
          {v.kind === 'instant' && (
            <Field id="task-time" label={t.deadlineTimeLabel}>
              <input
                {...describedBy('task-time', dueError)}
                type="time"
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
                  {...describedBy('task-wd', dueError)}
                  type="number"
                  min="0"
                  max="1000"
                  name="workingDays"
                  value={v.workingDays}
                  onInput={(e) => update({ workingDays: e.currentTarget.value })}
                />
              </Field>
              <Field id="task-after" label={t.afterLabel}>
                <input
                  {...describedBy('task-after', dueError)}
                  type="date"
                  name="after"
                  value={v.after}
                  onInput={(e) => update({ after: e.currentTarget.value })}
                />
              </Field>
            </>
          )}
        </div>
        {dueError && (
          <p class="error" id="due-error">
            {dueError}
          </p>
        )}
      </fieldset>
      <Field id="task-recurrence" label={t.recurrence} hint={t.recurrenceHint} error={err('recurrence')}>
        <input
          {...describedBy('task-recurrence', err('recurrence'), t.recurrenceHint)}
          name="recurrence"
          value={v.recurrence}
          onInput={(e) => update({ recurrence: e.currentTarget.value })}
        />
      </Field>
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
            {data.policies.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <p class="field">
          <a href={href('policies', v.policy)}>
            {t.edit}: {v.policy}
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
      <button type="submit" class="primary">
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

function UnitChoice(props: {
  legend: string;
  name: string;
  units: Unit[];
  chosen: string[];
  onToggle: (id: string) => void;
  error: string | undefined;
}) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset class="unit-choice" aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div class="choices">
        {props.units.map((u) => (
          <label key={u.id}>
            <input
              type="checkbox"
              name={props.name}
              value={u.id}
              checked={props.chosen.includes(u.id)}
              onChange={() => props.onToggle(u.id)}
            />{' '}
            {u.name}
          </label>
        ))}
      </div>
      {props.error && (
        <p class="error" id={errorId}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
