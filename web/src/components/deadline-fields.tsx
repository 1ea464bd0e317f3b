import { useLang } from '../i18n.ts';
import type { TaskValues } from '../model/task-values.ts';
import { DayInput, describedBy, Field } from './ui.tsx';

/** The deadline: a date, a date and time (24-hour), or a number of working days after a date. */
export function DeadlineFields(props: {
  v: TaskValues;
  update: (patch: Partial<TaskValues>) => void;
  error: string | undefined;
  /** Ids of the fields (`<prefix>-date`…): a page may hold the new-task form and an edit form. */
  idPrefix: string;
}) {
  const { t } = useLang();
  const { v, update, error } = props;
  const kinds = [
    ['date', t.deadlineDate],
    ['instant', t.deadlineInstant],
    ['workingDays', t.deadlineWorkingDays],
  ] as const;
  return (
    <fieldset aria-describedby={error ? `${props.idPrefix}-due-error` : undefined}>
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
          <Field id={`${props.idPrefix}-date`} label={t.deadlineDateLabel} hint={t.dayFormatHint}>
            <DayInput
              id={`${props.idPrefix}-date`}
              name="date"
              value={v.date}
              error={error}
              onInput={(date) => update({ date })}
            />
          </Field>
        )}
        {v.kind === 'instant' && (
          <Field id={`${props.idPrefix}-time`} label={t.deadlineTimeLabel} hint={t.timeFormatHint}>
            <input
              {...describedBy(`${props.idPrefix}-time`, error, t.timeFormatHint)}
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
            <Field id={`${props.idPrefix}-wd`} label={t.workingDaysLabel}>
              <input
                {...describedBy(`${props.idPrefix}-wd`, error)}
                type="number"
                min="0"
                max="1000"
                name="workingDays"
                value={v.workingDays}
                onInput={(e) => update({ workingDays: e.currentTarget.value })}
              />
            </Field>
            <Field id={`${props.idPrefix}-after`} label={t.afterLabel} hint={t.dayFormatHint}>
              <DayInput
                id={`${props.idPrefix}-after`}
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
        <p class="error" id={`${props.idPrefix}-due-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
