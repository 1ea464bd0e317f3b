import { useState } from 'preact/hooks';
import { importDocumentSchema } from '../../../shared/schemas/import.ts';
import { api, listAll } from '../api.ts';
import {
  ConfirmButton,
  describedBy,
  Field,
  FormMessage,
  LoadState,
  OnDemand,
  useLoad,
} from '../components/ui.tsx';
import { type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { CsvError, type CsvImport, csvToImport } from '../model/csv-import.ts';
import { href, navigate } from '../router.ts';
import type { Contact, Unit } from '../types.ts';
import { ContactForm, Form, UnitForm } from './unit-forms.tsx';

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
                <Contacts
                  unit={units.find((u) => u.id === selected) as Unit}
                  units={units}
                  onChanged={loaded.reload}
                />
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

/** The selected unit: its contacts (edit, delete), its own edit and delete, and a link to its tasks. */
function Contacts({ unit, units, onChanged }: { unit: Unit; units: Unit[]; onChanged: () => void }) {
  const { t, lang } = useLang();
  const loaded = useLoad(() => listAll<Contact>(`/units/${encodeURIComponent(unit.id)}/contacts`), [unit.id]);
  const [editing, setEditing] = useState<Contact>();
  const [failure, setFailure] = useState<FormFailure>();
  const base = `/units/${encodeURIComponent(unit.id)}`;
  const remove = async (path: string, version: number, after: () => void) => {
    try {
      await api('DELETE', path, { ifMatch: version });
      setFailure(undefined);
      after();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <section aria-labelledby="contacts-title" class="card">
      <h2 id="contacts-title">
        {t.contacts}: {unit.name}
      </h2>
      <p class="muted">
        {t.kind}: {t.kinds[unit.kind]} · <a href={href('units', unit.id, 'assignments')}>{t.unitTasksLink}</a>
      </p>
      <div class="buttons">
        <OnDemand class="on-demand" summary={t.editUnit}>
          {() => <UnitForm key={unit.id} units={units} existing={unit} onSaved={onChanged} />}
        </OnDemand>
        <ConfirmButton
          label={t.remove}
          question={t.confirmDeleteUnit(unit.name)}
          onConfirm={() => remove(base, unit.version, () => navigate('units'))}
        />
      </div>
      <FormMessage failure={failure} />
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
                  <th scope="col">{t.actions}</th>
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
                    <td>
                      <button type="button" class="link-button" onClick={() => setEditing(c)}>
                        {t.edit}
                      </button>{' '}
                      <ConfirmButton
                        label={t.remove}
                        question={t.confirmDeleteContact(c.name)}
                        onConfirm={() =>
                          remove(`${base}/contacts/${encodeURIComponent(c.id)}`, c.version, loaded.reload)
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      {editing && (
        <ContactForm
          key={editing.id}
          unitId={unit.id}
          existing={editing}
          onSaved={() => {
            setEditing(undefined);
            loaded.reload();
          }}
        />
      )}
      <ContactForm unitId={unit.id} onSaved={loaded.reload} />
    </section>
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
