import { useState } from 'preact/hooks';
import { directiveCreateSchema } from '../../../shared/schemas/api.ts';
import { api, post } from '../api.ts';
import { PagedList } from '../components/paged-list.tsx';
import { DayInput, describedBy, Field, FormMessage } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { type Dict, useLang } from '../i18n.ts';
import { dayTextFromIso, isoFromDayText } from '../model/date-text.ts';
import { href, navigate } from '../router.ts';
import type { Directive } from '../types.ts';

export const directiveLabels = (t: Dict) => ({
  number: t.number,
  issuedOn: t.issuedOn,
  issuer: t.issuer,
  title: t.title,
  id: t.id,
});

export function DirectivesPage() {
  const { t } = useLang();
  return (
    <>
      <h1 tabIndex={-1}>{t.directivesTitle}</h1>
      <PagedList<Directive> path="/directives" empty={t.none}>
        {(directives) => (
          <ul class="cards">
            {directives.map((d) => (
              <li key={d.id} class="card">
                <a href={href('directives', d.id)}>
                  <strong>{d.number}</strong>
                </a>{' '}
                — {d.title}{' '}
                <span class="muted">
                  ({d.issuer}, {dayTextFromIso(d.issuedOn)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      <DirectiveForm />
    </>
  );
}

type DirectiveValues = { id: string; number: string; issuedOn: string; issuer: string; title: string };

/** The directive as the API takes it: the date converted from dd/mm/yyyy, an empty id left out. */
export function directiveInput(values: DirectiveValues) {
  return { ...values, issuedOn: isoFromDayText(values.issuedOn), id: values.id.trim() || undefined };
}

/** A new directive (`existing` absent) or an edit of one (its id fixed, sent with its version). */
export function DirectiveForm({ existing, onSaved }: { existing?: Directive; onSaved?: () => void }) {
  const { t, lang } = useLang();
  const blank = { id: '', number: '', issuedOn: '', issuer: '', title: '' };
  const [values, setValues] = useState<DirectiveValues>(
    existing ? { ...existing, id: existing.id, issuedOn: dayTextFromIso(existing.issuedOn) } : blank,
  );
  const [failure, setFailure] = useState<FormFailure>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof DirectiveValues) => (value: string) => setValues({ ...values, [key]: value });
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    const { id, ...body } = directiveInput(values);
    const checked = validate(directiveCreateSchema, existing ? body : { ...body, id }, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setBusy(true);
    try {
      if (existing) {
        const { id: _unchanged, ...update } = checked.data;
        await api<Directive>('PUT', `/directives/${encodeURIComponent(existing.id)}`, {
          body: update,
          ifMatch: existing.version,
        });
        setFailure(undefined);
        onSaved?.();
      } else {
        const created = await post<Directive>('/directives', checked.data);
        setValues(blank);
        navigate('directives', created.id);
      }
    } catch (error) {
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const text = (key: Exclude<keyof DirectiveValues, 'issuedOn'>, label: string) => (
    <Field id={`directive-${key}`} label={label} error={err(key)}>
      <input
        {...describedBy(`directive-${key}`, err(key))}
        name={key}
        value={values[key]}
        onInput={(e) => set(key)(e.currentTarget.value)}
      />
    </Field>
  );
  const headingId = existing ? 'edit-directive' : 'new-directive';
  return (
    <form class="card" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{existing ? t.editDirective : t.newDirective}</h2>
      <FormMessage failure={failure} labels={directiveLabels(t)} onRetry={submit} />
      <div class="grid">
        {text('number', t.number)}
        <Field id="directive-issuedOn" label={t.issuedOn} hint={t.dayFormatHint} error={err('issuedOn')}>
          <DayInput
            id="directive-issuedOn"
            name="issuedOn"
            value={values.issuedOn}
            error={err('issuedOn')}
            onInput={set('issuedOn')}
          />
        </Field>
        {text('issuer', t.issuer)}
        {!existing && text('id', t.id)}
      </div>
      <Field id="directive-title" label={t.title} error={err('title')}>
        <textarea
          {...describedBy('directive-title', err('title'))}
          name="title"
          rows={2}
          value={values.title}
          onInput={(e) => set('title')(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {existing ? t.save : t.create}
      </button>
    </form>
  );
}
