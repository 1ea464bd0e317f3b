import { useState } from 'preact/hooks';
import { get, listAll, post } from '../api.ts';
import type { Session } from '../auth.ts';
import { AssignmentActions } from '../components/assignment-actions.tsx';
import { FormMessage, LoadState, StatusBadge, useLoad, when } from '../components/ui.tsx';
import { type FormFailure, failureOf } from '../failures.ts';
import { useLang } from '../i18n.ts';
import { channelName, outcomeWithDelivery } from '../model/names.ts';
import type { AssignmentDetail, Contact, Extension, Reminder, Unit } from '../types.ts';

interface AssignmentData {
  a: AssignmentDetail;
  reminders: Reminder[];
  unit: Unit;
  /** Contact and unit ids -> names, for the reminder log's recipients. */
  names: Map<string, string>;
}

/** The contacts of the units the log names; one the caller may not read is shown by its role. */
async function recipientNames(unitIds: string[]): Promise<[string, string][]> {
  const lists = await Promise.all(
    unitIds.map((u) =>
      listAll<Contact>(`/units/${encodeURIComponent(u)}/contacts`).catch(() => [] as Contact[]),
    ),
  );
  return lists.flat().map((c) => [c.id, c.name]);
}

async function loadAssignment(id: string): Promise<AssignmentData> {
  const [a, reminders] = await Promise.all([
    get<AssignmentDetail>(`/assignments/${encodeURIComponent(id)}`),
    listAll<Reminder>('/reminders', { assignment: id }),
  ]);
  const unit = await get<Unit>(`/units/${encodeURIComponent(a.unitId)}`);
  const unitIds = [...new Set([a.unitId, ...reminders.map((r) => r.unitId)])];
  const names = new Map<string, string>([[unit.id, unit.name], ...(await recipientNames(unitIds))]);
  return { a, reminders, unit, names };
}

/** One assignment: status and why, progress history, extensions (with the decision for admins) and the reminder log. */
export function AssignmentPage({ id, session }: { id: string; session: Session }) {
  const { t, lang } = useLang();
  const loaded = useLoad(() => loadAssignment(id), [id]);
  return (
    <LoadState loaded={loaded}>
      {({ a, reminders, unit, names }) => (
        <>
          <h1 tabIndex={-1}>{a.title}</h1>
          <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">
              {t.status}: <StatusBadge status={a.status} />
            </h2>
            <p>{a.reason}</p>
            <dl class="facts">
              <dt>{t.unit}</dt>
              <dd>{unit.name}</dd>
              <dt>{t.due}</dt>
              <dd>{when(a.dueAt)}</dd>
              {a.originalDueAt !== a.dueAt && (
                <>
                  <dt>{t.originalDue}</dt>
                  <dd>{when(a.originalDueAt)}</dd>
                </>
              )}
              <dt>{t.progress}</dt>
              <dd>
                <progress max={100} value={a.progress} aria-label={t.progress} /> {a.progress}%
              </dd>
              {a.acknowledgedAt && (
                <>
                  <dt>{t.acknowledged}</dt>
                  <dd>{when(a.acknowledgedAt)}</dd>
                </>
              )}
              {a.nextCheckAt && (
                <>
                  <dt>{t.nextCheck}</dt>
                  <dd>{when(a.nextCheckAt)}</dd>
                </>
              )}
            </dl>
            <AssignmentActions a={a} onChanged={loaded.reload} />
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t.history}</h2>
            {a.progressHistory.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ol class="history">
                {a.progressHistory.map((r) => (
                  <li key={r.at}>
                    <time dateTime={r.at}>{when(r.at)}</time>: <strong>{r.percent}%</strong>{' '}
                    {r.note && `— ${r.note}`}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <Extensions a={a} admin={session.role === 'admin'} onChanged={loaded.reload} />
          <section aria-labelledby="log-title">
            <h2 id="log-title">{t.reminderLog}</h2>
            {reminders.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.at}</th>
                      <th scope="col">{t.channel}</th>
                      <th scope="col">{t.recipient}</th>
                      <th scope="col">{t.outcome}</th>
                      <th scope="col">{t.segments}</th>
                      <th scope="col">{t.detail}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reminders.map((r) => (
                      <tr key={r.key}>
                        <td>{when(r.at)}</td>
                        <td>{channelName(r.channel, lang)}</td>
                        <td>{names.get(r.recipient) ?? t.otherRecipient}</td>
                        <td>{outcomeWithDelivery(r, lang)}</td>
                        <td>{r.segments ?? ''}</td>
                        <td>{r.text ?? r.detail ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </LoadState>
  );
}

function Extensions({ a, admin, onChanged }: { a: AssignmentDetail; admin: boolean; onChanged: () => void }) {
  const { t, lang } = useLang();
  const label = (e: Extension) =>
    e.state === 'requested' ? t.extRequested : e.state === 'approved' ? t.extApproved : t.extRejected;
  const [failure, setFailure] = useState<FormFailure>();
  const decide = async (e: Extension, decision: 'approve' | 'reject') => {
    try {
      await post(
        `/assignments/${encodeURIComponent(a.id)}/extensions/${encodeURIComponent(e.id)}/${decision}`,
        undefined,
        a.version,
      );
      setFailure(undefined);
      onChanged();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <section aria-labelledby="ext-title">
      <h2 id="ext-title">{t.extensions}</h2>
      <FormMessage failure={failure} />
      {a.extensions.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="history">
          {a.extensions.map((e) => (
            <li key={e.id}>
              {t.newDue}: <strong>{when(e.newDueAt)}</strong> — {e.reason} · {label(e)}{' '}
              {admin && e.state === 'requested' && (
                <span class="buttons">
                  <button type="button" class="primary" onClick={() => decide(e, 'approve')}>
                    {t.approve}
                  </button>
                  <button type="button" class="secondary" onClick={() => decide(e, 'reject')}>
                    {t.reject}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
