import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { contactCreateSchema, unitCreateSchema } from '../../../shared/schemas/api.ts';
import { importDocumentSchema } from '../../../shared/schemas/import.ts';
import { api, listAll, post } from '../api.ts';
import { describedBy, Field, FormMessage, LoadState, useLoad } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { CsvError, type CsvImport, csvToImport } from '../model/csv-import.ts';
import { href } from '../router.ts';
import type { Contact, Unit } from '../types.ts';

const KINDS = ['office', 'department', 'district', 'commune', 'agency', 'association'] as const;

export function UnitsPage({ selected }: { selected: string | undefined }) {
  const { t } = useLang();
  const loaded = useLoad(() => listAll<Unit>('/units'), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.unitsTitle}</h1>
      <LoadState loaded={loaded}>
        {(units) => (
          <div class="split">
            <section aria-labelledby="tree-title" class="tree">
              <h2 id="tree-title">{t.unit}</h2>
              <UnitTree units={units} parent={null} selected={selected} />
            </section>
            <div>
              {selected && units.some((u) => u.id === selected) && (
                <Contacts unit={units.find((u) => u.id === selected) as Unit} />
              )}
              <UnitForm units={units} onSaved={loaded.reload} />
              <CsvImportForm onImported={loaded.reload} />
            </div>
          </div>
        )}
      </LoadState>
    </>
  );
}

function UnitTree({
  units,
  parent,
  selected,
}: {
  units: Unit[];
  parent: string | null;
  selected: string | undefined;
}) {
  const children = units
    .filter(
      (u) =>
        u.parentId === parent ||
        (parent === null && u.parentId !== null && !units.some((p) => p.id === u.parentId)),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  if (children.length === 0) return null;
  return (
    <ul>
      {children.map((u) => (
        <li key={u.id}>
          <a href={href('units', u.id)} aria-current={u.id === selected ? 'page' : undefined}>
            {u.name}
          </a>
          <UnitTree units={units} parent={u.id} selected={selected} />
        </li>
      ))}
    </ul>
  );
}

function EmailStatus({ contact }: { contact: Contact }) {
  const { t } = useLang();
  if (!contact.email) return <span class="muted">{t.emailNone}</span>;
  if (contact.emailStatus === 'pending') return <strong class="pending">{t.emailPending}</strong>;
  if (contact.emailStatus === 'confirmed') return <span class="confirmed">✓ {t.emailConfirmed}</span>;
  return <span class="muted">{t.emailNone}</span>;
}

function Contacts({ unit }: { unit: Unit }) {
  const { t } = useLang();
  const loaded = useLoad(() => listAll<Contact>(`/units/${encodeURIComponent(unit.id)}/contacts`), [unit.id]);
  return (
    <section aria-labelledby="contacts-title" class="card">
      <h2 id="contacts-title">
        {t.contacts}: {unit.name}
      </h2>
      <p class="muted">
        {t.kind}: {t.kinds[unit.kind]} · id: <code>{unit.id}</code>
      </p>
      <LoadState loaded={loaded}>
        {(contacts) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.contactName}</th>
                  <th scope="col">{t.role}</th>
                  <th scope="col">{t.phone}</th>
                  <th scope="col">{t.email}</th>
                  <th scope="col">{t.emailStatus}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id} data-email-status={c.emailStatus}>
                    <th scope="row">{c.name}</th>
                    <td>{c.role === 'head' ? t.roleHeadShort : t.roleFocal}</td>
                    <td>{c.phone ?? ''}</td>
                    <td>{c.email ?? ''}</td>
                    <td>
                      <EmailStatus contact={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      <ContactForm unitId={unit.id} onSaved={loaded.reload} />
    </section>
  );
}

function Form(props: {
  title: string;
  id: string;
  failure: FormFailure | undefined;
  ok?: string | undefined;
  onSubmit: () => void;
  children: ComponentChildren;
  action: string;
}) {
  return (
    <form
      class="card"
      aria-labelledby={props.id}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2 id={props.id}>{props.title}</h2>
      <FormMessage failure={props.failure} ok={props.ok} />
      {props.children}
      <button type="submit" class="primary">
        {props.action}
      </button>
    </form>
  );
}

function UnitForm({ units, onSaved }: { units: Unit[]; onSaved: () => void }) {
  const { t, lang } = useLang();
  const [v, setV] = useState({ id: '', name: '', kind: 'department', parentId: '' });
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = async () => {
    const checked = validate(
      unitCreateSchema,
      { ...v, id: v.id || undefined, parentId: v.parentId || null },
      lang,
    );
    if (!checked.ok) return setFailure({ errors: checked.errors });
    try {
      await post('/units', checked.data);
      setFailure(undefined);
      setOk(t.saved);
      onSaved();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <Form title={t.newUnit} id="new-unit" failure={failure} ok={ok} onSubmit={submit} action={t.add}>
      <div class="grid">
        <Field id="unit-name" label={t.unitName} error={err('name')}>
          <input
            {...describedBy('unit-name', err('name'))}
            value={v.name}
            onInput={(e) => setV({ ...v, name: e.currentTarget.value })}
          />
        </Field>
        <Field id="unit-id" label={t.id} error={err('id')}>
          <input
            {...describedBy('unit-id', err('id'))}
            value={v.id}
            onInput={(e) => setV({ ...v, id: e.currentTarget.value })}
          />
        </Field>
        <Field id="unit-kind" label={t.kind} error={err('kind')}>
          <select
            {...describedBy('unit-kind', err('kind'))}
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
        <Field id="unit-parent" label={t.parent} error={err('parentId')}>
          <select
            {...describedBy('unit-parent', err('parentId'))}
            value={v.parentId}
            onChange={(e) => setV({ ...v, parentId: e.currentTarget.value })}
          >
            <option value="">{t.noParent}</option>
            {units.map((u) => (
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

function ContactForm({ unitId, onSaved }: { unitId: string; onSaved: () => void }) {
  const { t, lang } = useLang();
  const [v, setV] = useState({ name: '', role: 'head', phone: '', email: '' });
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = async () => {
    const body = {
      name: v.name,
      role: v.role,
      ...(v.phone ? { phone: v.phone } : {}),
      ...(v.email ? { email: v.email } : {}),
    };
    const checked = validate(contactCreateSchema, body, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    try {
      // The API stores the phone as E.164; send it as typed and let the same schema normalise it there.
      await post(`/units/${encodeURIComponent(unitId)}/contacts`, body);
      setFailure(undefined);
      setOk(t.saved);
      setV({ name: '', role: 'head', phone: '', email: '' });
      onSaved();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  const input = (
    key: 'name' | 'phone' | 'email',
    label: string,
    type: 'text' | 'tel' | 'email' = 'text',
    hint?: string,
  ) => (
    <Field id={`contact-${key}`} label={label} error={err(key)} {...(hint ? { hint } : {})}>
      <input
        {...describedBy(`contact-${key}`, err(key), hint)}
        type={type as 'text'}
        autoComplete={key === 'name' ? 'name' : key === 'phone' ? 'tel' : 'email'}
        value={v[key]}
        onInput={(e) => setV({ ...v, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  return (
    <Form title={t.newContact} id="new-contact" failure={failure} ok={ok} onSubmit={submit} action={t.add}>
      <div class="grid">
        {input('name', t.contactName)}
        <Field id="contact-role" label={t.role} error={err('role')}>
          <select
            {...describedBy('contact-role', err('role'))}
            value={v.role}
            onChange={(e) => setV({ ...v, role: e.currentTarget.value })}
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

function CsvImportForm({ onImported }: { onImported: () => void }) {
  const { t, lang } = useLang();
  const [parsed, setParsed] = useState<CsvImport>();
  const [failure, setFailure] = useState<FormFailure>();
  const [ok, setOk] = useState<string>();
  const read = async (file: File | undefined) => {
    setOk(undefined);
    setParsed(undefined);
    if (!file) return;
    try {
      const result = csvToImport(await file.text());
      const checked = validate(importDocumentSchema, result.document, lang);
      if (!checked.ok) return setFailure({ errors: checked.errors });
      setFailure(undefined);
      setParsed(result);
    } catch (error) {
      setFailure({
        message: error instanceof CsvError ? `${t.csvHint} (${error.message})` : String(error),
        errors: {},
      });
    }
  };
  const submit = async () => {
    if (!parsed) return;
    try {
      await api('POST', '/import', { body: parsed.document, query: { mode: 'upsert' } });
      setOk(t.csvImported);
      setParsed(undefined);
      onImported();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <Form
      title={t.csvImport}
      id="csv-import"
      failure={failure}
      ok={ok ?? (parsed && t.csvRows(parsed.rows, parsed.kind))}
      onSubmit={submit}
      action={t.importAction}
    >
      <Field id="csv-file" label={t.csvFile} hint={t.csvHint}>
        <input
          {...describedBy('csv-file', undefined, t.csvHint)}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => read(e.currentTarget.files?.[0])}
        />
      </Field>
    </Form>
  );
}
