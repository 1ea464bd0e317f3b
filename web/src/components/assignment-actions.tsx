import { useState } from 'preact/hooks';
import { extensionRequestSchema, progressBodySchema } from '../../../shared/schemas/api.ts';
import { post } from '../api.ts';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { isoFromDayText } from '../model/date-text.ts';
import type { AssignmentView } from '../types.ts';
import { DayInput, describedBy, Field, FormMessage } from './ui.tsx';

/**
 * What a unit head (or an administrator on their behalf) does with an open assignment: report
 * progress, acknowledge, report it done, ask for more time. Each sends the version it saw
 * (`If-Match`), so a change made meanwhile is a clear 409 rather than a silent overwrite.
 */
export function AssignmentActions({
  a,
  onChanged,
  compact,
}: {
  a: AssignmentView;
  onChanged: () => void;
  compact?: boolean;
}) {
  const { t, lang } = useLang();
  const [percent, setPercent] = useState(String(a.progress));
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const [newDue, setNewDue] = useState('');
  const [reason, setReason] = useState('');
  const [extFailure, setExtFailure] = useState<FormFailure>();
  /** A request is on its way: the buttons wait, so a second tap cannot send it twice. */
  const [busy, setBusy] = useState(false);
  const base = `/assignments/${encodeURIComponent(a.id)}`;
  const id = (name: string) => `${name}-${a.id}`;
  const run = async (action: () => Promise<unknown>, fail: (f: FormFailure | undefined) => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
      fail(undefined);
      setNote('');
      setNewDue('');
      setReason('');
      setOk(t.saved);
      onChanged();
    } catch (error) {
      setOk(undefined);
      fail(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  const report = (event: Event) => {
    event.preventDefault();
    const checked = validate(
      progressBodySchema,
      {
        percent: percent.trim() === '' ? Number.NaN : Number(percent),
        note,
      },
      lang,
    );
    if (!checked.ok) return setFailure({ errors: checked.errors });
    return run(() => post(`${base}/progress`, checked.data, a.version), setFailure);
  };
  const extend = (event: Event) => {
    event.preventDefault();
    const checked = validate(extensionRequestSchema, { newDue: isoFromDayText(newDue), reason }, lang);
    if (!checked.ok) return setExtFailure({ errors: checked.errors });
    return run(() => post(`${base}/extensions`, checked.data), setExtFailure);
  };
  if (a.state !== 'open') return null;
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const extErr = (p: string) => extFailure && errorAt(extFailure.errors, p);
  return (
    <div class={compact ? 'actions compact' : 'actions'}>
      <form onSubmit={report} noValidate aria-label={`${t.reportProgress}: ${a.title}`}>
        <FormMessage failure={failure} ok={ok} />
        <div class="grid">
          <Field id={id('percent')} label={t.progressPercent} error={err('percent')}>
            <input
              {...describedBy(id('percent'), err('percent'))}
              type="number"
              inputMode="numeric"
              min="0"
              max="100"
              name="percent"
              value={percent}
              onInput={(e) => setPercent(e.currentTarget.value)}
            />
          </Field>
          <Field id={id('note')} label={t.note} error={err('note')}>
            <input
              {...describedBy(id('note'), err('note'))}
              name="note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {t.reportProgress}
          </button>
          {!a.acknowledgedAt && (
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() => run(() => post(`${base}/acknowledge`, undefined, a.version), setFailure)}
            >
              {t.acknowledge}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => run(() => post(`${base}/complete`, note ? { note } : {}, a.version), setFailure)}
          >
            {t.complete}
          </button>
        </div>
      </form>
      <details>
        <summary>{t.requestExtension}</summary>
        <form onSubmit={extend} noValidate aria-label={`${t.requestExtension}: ${a.title}`}>
          <FormMessage failure={extFailure} />
          <div class="grid">
            <Field id={id('newDue')} label={t.newDue} hint={t.dayFormatHint} error={extErr('newDue')}>
              <DayInput
                id={id('newDue')}
                name="newDue"
                value={newDue}
                error={extErr('newDue')}
                onInput={setNewDue}
              />
            </Field>
            <Field id={id('reason')} label={t.reason} error={extErr('reason')}>
              <input
                {...describedBy(id('reason'), extErr('reason'))}
                name="reason"
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </Field>
          </div>
          <button type="submit" class="secondary" disabled={busy}>
            {t.requestExtension}
          </button>
        </form>
      </details>
    </div>
  );
}
