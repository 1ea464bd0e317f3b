import { useState } from 'preact/hooks';
import type { ReminderPolicy } from '../../../shared/domain/policy.ts';
import { api, get, listAll, post } from '../api.ts';
import {
  ActionButton,
  ConfirmButton,
  FormMessage,
  LoadState,
  OnDemand,
  StatusBadge,
  useLoad,
  when,
} from '../components/ui.tsx';
import { type FormFailure, failureOf } from '../failures.ts';
import { useLang } from '../i18n.ts';
import { lazyPage } from '../lazy.tsx';
import { dayWithWeekday, deadlineText } from '../model/date-words.ts';
import { policyTitle } from '../model/names.ts';
import { recurrenceText } from '../model/recurrence-builder.ts';
import { actedOn, lockedUnits } from '../model/task-values.ts';
import { href, navigate } from '../router.ts';
import type { AssignmentView, CalendarOverride, Directive, StoredPolicy, Task, Unit } from '../types.ts';

/** The forms (their schemas, the planner preview) load when they are opened. */
const DirectiveForm = lazyPage(() => import('./directives.tsx').then((m) => m.DirectiveForm), 'loading-part');
const TaskForm = lazyPage(
  () => import('../components/task-form.tsx').then((m) => m.TaskForm),
  'loading-part',
);

export interface DirectiveData {
  directive: Directive;
  tasks: Task[];
  units: Unit[];
  /** The stored policies (the built-in default is added by the task form, which loads the engine's code). */
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
  return {
    directive,
    tasks,
    units,
    policies: stored,
    overrides,
    assignments: all.filter((a) => a.directiveId === id),
  };
}

/** Tasks stay open on a short directive; a long one (directive 276 has dozens) shows their titles first. */
const OPEN_UP_TO = 2;

export function DirectivePage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const loaded = useLoad(() => loadDirective(id), [id]);
  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <>
          <h1 tabIndex={-1}>
            {data.directive.number} — {data.directive.title}
          </h1>
          <p class="muted">
            {data.directive.issuer}, {dayWithWeekday(data.directive.issuedOn, lang)}
          </p>
          <DirectiveManage data={data} onSaved={loaded.reload} />
          <DraftLetter directiveId={data.directive.id} />
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">
              {t.tasksTitle} ({data.tasks.length})
            </h2>
            {data.tasks.length === 0 && <p>{t.none}</p>}
            {data.tasks.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                data={data}
                open={data.tasks.length <= OPEN_UP_TO}
                onChanged={loaded.reload}
              />
            ))}
          </section>
          <OnDemand class="on-demand" summary={t.newTask} open={data.tasks.length === 0}>
            {() => <TaskForm data={data} onSaved={loaded.reload} />}
          </OnDemand>
        </>
      )}
    </LoadState>
  );
}

/** Edit the directive (its version sent as If-Match), or delete it once it has no tasks. */
function DirectiveManage({ data, onSaved }: { data: DirectiveData; onSaved: () => void }) {
  const { t } = useLang();
  const path = `/directives/${encodeURIComponent(data.directive.id)}`;
  return (
    <div class="buttons">
      <OnDemand class="on-demand" summary={t.editDirective}>
        {() => <DirectiveForm existing={data.directive} onSaved={onSaved} />}
      </OnDemand>
      {data.tasks.length === 0 ? (
        <ConfirmButton
          label={t.remove}
          question={t.confirmDeleteDirective}
          onConfirm={async () => {
            await api('DELETE', path, { ifMatch: data.directive.version });
            navigate('directives');
          }}
        />
      ) : (
        <p class="hint">{t.deleteDirectiveHint}</p>
      )}
    </div>
  );
}

/** Drafts the formal reminder letter for the directive's overdue assignments, then opens it. */
function DraftLetter({ directiveId }: { directiveId: string }) {
  const { t } = useLang();
  const draft = async () => navigate('letters', (await post<{ id: string }>('/letters', { directiveId })).id);
  return <ActionButton label={t.letterDraft} run={draft} />;
}

function TaskCard(props: { task: Task; data: DirectiveData; open: boolean; onChanged: () => void }) {
  const { task, data, open } = props;
  const { t, lang } = useLang();
  const name = (id: string) => data.units.find((u) => u.id === id)?.name ?? id;
  const policy = data.policies.find((p) => p.name === task.policy);
  const assignments = data.assignments.filter((a) => a.taskId === task.id);
  return (
    <OnDemand
      class="card task-card"
      open={open}
      summaryId={`task-${task.id}`}
      summary={
        <>
          {task.title} <span class="muted">({t.assignmentCount(assignments.length)})</span>
        </>
      }
    >
      {() => (
        <>
          <p class="muted">
            {t.due}: {deadlineText(task.due, lang)} · {t.policy}:{' '}
            {policyTitle(policy ?? { name: task.policy }, lang)}
            {task.recurrence ? ` · ${t.recurrenceShort}: ${recurrenceText(task.recurrence, lang)}` : ''}
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
          <TaskManage task={task} data={data} assignments={assignments} onChanged={props.onChanged} />
        </>
      )}
    </OnDemand>
  );
}

/** Edit the task (its version as If-Match), or delete it while no unit has acted on it. */
function TaskManage(props: {
  task: Task;
  data: DirectiveData;
  assignments: AssignmentView[];
  onChanged: () => void;
}) {
  const { t, lang } = useLang();
  const [failure, setFailure] = useState<FormFailure>();
  const { task, data, assignments } = props;
  const path = `/directives/${encodeURIComponent(data.directive.id)}/tasks/${encodeURIComponent(task.id)}`;
  const remove = async () => {
    try {
      await api('DELETE', path, { ifMatch: task.version });
      setFailure(undefined);
      props.onChanged();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <div class="buttons">
      <OnDemand class="on-demand" summary={t.editTask}>
        {() => (
          <>
            <p class="hint">{t.editTaskHint}</p>
            <TaskForm
              data={data}
              existing={task}
              locked={lockedUnits(assignments)}
              onSaved={props.onChanged}
            />
          </>
        )}
      </OnDemand>
      {assignments.some(actedOn) ? (
        <p class="hint">{t.deleteTaskHint}</p>
      ) : (
        <ConfirmButton
          label={t.deleteTask}
          question={t.confirmDeleteTask(assignments.length)}
          onConfirm={remove}
        />
      )}
      <FormMessage failure={failure} labels={{ lead: t.leadUnits }} />
    </div>
  );
}
