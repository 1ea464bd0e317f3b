import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  contactBodySchema,
  contactCreateSchema,
  unitBodySchema,
  unitCreateSchema,
} from '../../../shared/schemas/api.ts';
import { api, post } from '../api.ts';
import { describedBy, Field, FormMessage } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { type Dict, useLang } from '../i18n.ts';
import type { Contact, Unit } from '../types.ts';

export const KINDS = ['office', 'department', 'district', 'commune', 'agency', 'association'] as const;

/** A form card: one submit at a time (the button waits), the message with field labels and a retry. */
export function Form(props: {
  title: string;
  id: string;
  failure: FormFailure | undefined;
  ok?: string | undefined;
  labels?: Record<string, string>;
  onSubmit: () => Promise<unknown> | undefined;
  children: ComponentChildren;
  action: string;
}) {
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await props.onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card"
      aria-labelledby={props.id}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={props.id}>{props.title}</h2>
      <FormMessage failure={props.failure} ok={props.ok} labels={props.labels ?? {}} onRetry={submit} />
      {props.children}
      <button type="submit" class="primary" disabled={busy}>
        {props.action}
      </button>
    </form>
  );
}

const unitLabels = (t: Dict) => ({ name: t.unitName, id: t.id, kind: t.kind, parentId: t.parent });
const contactLabels = (t: Dict) => ({ name: t.contactName, role: t.role, phone: t.phone, email: t.email });

/** A new unit, or (with `existing`) an edit of one, sent with its version (If-Match). */
export function UnitForm({
  units,
  existing,
  onSaved,
}: {
  units: Unit[];
  existing?: Unit;
  onSaved: () => void;
}) {
  const { t, lang } = useLang();
  const blank = { id: '', name: '', kind: 'department', parentId: '' };
  const [v, setV] = useState(existing ? { ...existing, parentId: existing.parentId ?? '' } : blank);
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = async () => {
    const body = { name: v.name, kind: v.kind, parentId: v.parentId || null };
    const checked = existing
      ? validate(unitBodySchema, body, lang)
      : validate(unitCreateSchema, { ...body, id: v.id || undefined }, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    try {
      if (existing)
        await api('PUT', `/units/${encodeURIComponent(existing.id)}`, {
          body: checked.data,
          ifMatch: existing.version,
        });
      else await post('/units', checked.data);
      setFailure(undefined);
      setOk(t.saved);
      if (!existing) setV(blank);
      onSaved();
    } catch (error) {
      setOk(undefined);
      setFailure(failureOf(error, lang));
    }
  };
  const formId = existing ? 'edit-unit' : 'new-unit';
  return (
    <Form
      title={existing ? t.editUnit : t.newUnit}
      id={formId}
      failure={failure}
      ok={ok}
      labels={unitLabels(t)}
      onSubmit={submit}
      action={existing ? t.save : t.add}
    >
      <div class="grid">
        <Field id={`${formId}-name`} label={t.unitName} error={err('name')}>
          <input
            {...describedBy(`${formId}-name`, err('name'))}
            value={v.name}
            onInput={(e) => setV({ ...v, name: e.currentTarget.value })}
          />
        </Field>
        {!existing && (
          <Field id="unit-id" label={t.id} error={err('id')}>
            <input
              {...describedBy('unit-id', err('id'))}
              value={v.id}
              onInput={(e) => setV({ ...v, id: e.currentTarget.value })}
            />
          </Field>
        )}
        <Field id={`${formId}-kind`} label={t.kind} error={err('kind')}>
          <select
            {...describedBy(`${formId}-kind`, err('kind'))}
            value={v.kind}
            onChange={(e) => setV({ ...v, kind: e.currentTarget.value })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${formId}-parent`} label={t.parent} error={err('parentId')}>
          <select
            {...describedBy(`${formId}-parent`, err('parentId'))}
            value={v.parentId}
            onChange={(e) => setV({ ...v, parentId: e.currentTarget.value })}
          >
            <option value="">{t.noParent}</option>
            {units
              .filter((u) => u.id !== existing?.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </Field>
      </div>
    </Form>
  );
}

/** A new contact of the unit, or (with `existing`) an edit of one, sent with its version. */
export function ContactForm({
  unitId,
  existing,
  onSaved,
}: {
  unitId: string;
  existing?: Contact;
  onSaved: () => void;
}) {
  const { t, lang } = useLang();
  const blank = { name: '', role: 'head', phone: '', email: '' };
  const [v, setV] = useState(
    existing
      ? { name: existing.name, role: existing.role, phone: existing.phone ?? '', email: existing.email ?? '' }
      : blank,
  );
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const formId = existing ? `edit-contact-${existing.id}` : 'new-contact';
  const submit = async () => {
    const body = {
      name: v.name,
      role: v.role,
      ...(v.phone ? { phone: v.phone } : {}),
      ...(v.email ? { email: v.email } : {}),
    };
    const checked = validate(existing ? contactBodySchema : contactCreateSchema, body, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    const base = `/units/${encodeURIComponent(unitId)}/contacts`;
    try {
      // The API stores the phone as E.164; send it as typed and let the same schema normalise it there.
      if (existing)
        await api('PUT', `${base}/${encodeURIComponent(existing.id)}`, { body, ifMatch: existing.version });
      else await post(base, body);
      setFailure(undefined);
      setOk(t.saved);
      if (!existing) setV(blank);
      onSaved();
    } catch (error) {
      setOk(undefined);
      setFailure(failureOf(error, lang));
    }
  };
  const input = (
    key: 'name' | 'phone' | 'email',
    label: string,
    type: 'text' | 'tel' | 'email',
    hint?: string,
  ) => (
    <Field id={`${formId}-${key}`} label={label} error={err(key)} {...(hint ? { hint } : {})}>
      <input
        {...describedBy(`${formId}-${key}`, err(key), hint)}
        type={type as 'text'}
        autoComplete={key === 'name' ? 'name' : key === 'phone' ? 'tel' : 'email'}
        value={v[key]}
        onInput={(e) => setV({ ...v, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  return (
    <Form
      title={existing ? t.editContact(existing.name) : t.newContact}
      id={formId}
      failure={failure}
      ok={ok}
      labels={contactLabels(t)}
      onSubmit={submit}
      action={existing ? t.save : t.add}
    >
      <div class="grid">
        {input('name', t.contactName, 'text')}
        <Field id={`${formId}-role`} label={t.role} error={err('role')}>
          <select
            {...describedBy(`${formId}-role`, err('role'))}
            value={v.role}
            onChange={(e) => setV({ ...v, role: e.currentTarget.value as Contact['role'] })}
          >
            <option value="head">{t.roleHeadShort}</option>
            <option value="focal">{t.roleFocal}</option>
          </select>
        </Field>
        {input('phone', t.phone, 'tel', t.phoneHint)}
        {input('email', t.email, 'email')}
      </div>
    </Form>
  );
}
