import { useEffect, useState } from 'preact/hooks';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import { isLocalDate } from '../../../shared/domain/local-time.ts';
import { type Audience, defaultPolicy, type ReminderPolicy } from '../../../shared/domain/policy.ts';
import { policyBodySchema } from '../../../shared/schemas/api.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import { api, listAll, post } from '../api.ts';
import { PolicyManage } from '../components/policy-manage.tsx';
import { TimelinePreview } from '../components/timeline.tsx';
import { DayInput, describedBy, Field, FormMessage, LoadState, useLoad } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { type Dict, type Lang, useLang } from '../i18n.ts';
import { dayTextFromIso, isoFromDayText, timeFromText } from '../model/date-text.ts';
import { channelName, policyTitle } from '../model/names.ts';
import { stepSentence } from '../model/wording.ts';
import { href, navigate } from '../router.ts';
import type { CalendarOverride, StoredPolicy } from '../types.ts';

interface StepDraft {
  offset: string;
  repeatEvery: string;
  times: string;
  channels: string[];
  to: string[];
}

interface PolicyDraft {
  name: string;
  sendAt: string;
  quietStart: string;
  quietEnd: string;
  smsDiacritics: 'strip' | 'keep';
  steps: StepDraft[];
}

export function draftOf(p: ReminderPolicy): PolicyDraft {
  return {
    name: p.name,
    sendAt: p.sendAt,
    quietStart: p.quietHours.start,
    quietEnd: p.quietHours.end,
    smsDiacritics: p.smsDiacritics,
    steps: p.steps.map((s) => ({
      offset: s.offset,
      repeatEvery: s.repeatEvery ?? '',
      times: String(s.times),
      channels: [...s.channels],
      to: [...s.to],
    })),
  };
}

/** The policy JSON the draft stands for, as the API takes it. */
export function policyJsonOf(d: PolicyDraft): unknown {
  return {
    name: d.name,
    sendAt: timeFromText(d.sendAt),
    quietHours: { start: timeFromText(d.quietStart), end: timeFromText(d.quietEnd) },
    smsDiacritics: d.smsDiacritics,
    steps: d.steps.map((s) => ({
      offset: s.offset.trim(),
      ...(s.repeatEvery.trim() ? { repeatEvery: s.repeatEvery.trim() } : {}),
      times: s.times.trim() === '' ? Number.NaN : Number(s.times),
      channels: s.channels,
      to: s.to,
    })),
  };
}

/** What a new policy starts from: empty (defaults, no steps) or a copy of a named policy. */
function startingDraft(template: ReminderPolicy | undefined): PolicyDraft {
  if (template) return { ...draftOf(template), name: '' };
  return { ...draftOf(defaultPolicy), name: '', steps: [] };
}

export function PoliciesPage({ selected }: { selected: string | undefined }) {
  const { t, lang } = useLang();
  const [template, setTemplate] = useState('');
  const loaded = useLoad(
    () => Promise.all([listAll<StoredPolicy>('/policies'), listAll<CalendarOverride>('/calendar/overrides')]),
    [],
  );
  return (
    <>
      <h1 tabIndex={-1}>{t.policiesTitle}</h1>
      <LoadState loaded={loaded}>
        {([policies, overrides]) => {
          const current = policies.find((p) => p.name === selected);
          const base = current ?? (selected === defaultPolicy.name || !selected ? defaultPolicy : undefined);
          const templates: ReminderPolicy[] = policies.some((p) => p.name === defaultPolicy.name)
            ? policies
            : [defaultPolicy, ...policies];
          const chosen = templates.find((p) => p.name === template);
          const creating = !base;
          return (
            <div class="split">
              <nav aria-label={t.policiesTitle} class="sub-nav">
                <ul>
                  {policies.map((p) => (
                    <li key={p.name}>
                      <a
                        href={href('policies', p.name)}
                        aria-current={p.name === selected ? 'page' : undefined}
                      >
                        {policyTitle(p, lang)}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href={href('policies', 'new')} aria-current={selected === 'new' ? 'page' : undefined}>
                      + {t.newPolicy}
                    </a>
                  </li>
                </ul>
              </nav>
              <div>
                {creating && (
                  <Field id="policy-template" label={t.startFrom}>
                    <select
                      {...describedBy('policy-template')}
                      value={template}
                      onChange={(e) => setTemplate(e.currentTarget.value)}
                    >
                      <option value="">{t.emptyPolicy}</option>
                      {templates.map((p) => (
                        <option key={p.name} value={p.name}>
                          {t.copyOf(policyTitle(p, lang))}
                        </option>
                      ))}
                    </select>
                  </Field>
                )}
                {current && (
                  <PolicyManage
                    key={current.name}
                    policy={current}
                    onDeleted={() => {
                      loaded.reload();
                      navigate('policies');
                    }}
                  />
                )}
                <PolicyEditor
                  key={`${selected ?? ''}#${creating ? template : ''}`}
                  initial={base ? draftOf(base) : startingDraft(chosen)}
                  title={
                    base
                      ? policyTitle(base, lang)
                      : chosen
                        ? t.newPolicyFrom(policyTitle(chosen, lang))
                        : t.newPolicyEmpty
                  }
                  stored={current}
                  overrides={overrides}
                  onSaved={(name) => {
                    loaded.reload();
                    navigate('policies', name);
                  }}
                />
              </div>
            </div>
          );
        }}
      </LoadState>
    </>
  );
}

const CHANNELS = ['sms', 'email'] as const;

const policyLabels = (t: Dict) => ({
  name: t.policyName,
  sendAt: t.sendAt,
  'quietHours.start': t.quietStart,
  'quietHours.end': t.quietEnd,
  quietHours: t.quietEnd,
  smsDiacritics: t.smsDiacritics,
  steps: t.steps,
  'steps.offset': t.offset,
  'steps.repeatEvery': t.repeatEvery,
  'steps.times': t.times,
  'steps.channels': t.channels,
  'steps.to': t.audience,
});

/** The step as a sentence, once its offset reads ("5 ngày làm việc trước hạn: thư điện tử cho đơn vị"). */
function stepText(s: StepDraft, lang: Lang): string | undefined {
  const offset = s.offset.trim();
  if (!/^[+-]?\d{1,3}(wd|d|h)$/.test(offset) || s.channels.length === 0 || s.to.length === 0)
    return undefined;
  const repeat = /^\+?\d{1,3}(wd|d|h)$/.test(s.repeatEvery.trim()) ? s.repeatEvery.trim() : undefined;
  return stepSentence(
    {
      offset,
      channels: s.channels as Channel[],
      to: s.to as Audience[],
      times: Number(s.times),
      repeatEvery: repeat,
    },
    lang,
  );
}

function PolicyEditor(props: {
  initial: PolicyDraft;
  title: string;
  stored: StoredPolicy | undefined;
  overrides: CalendarOverride[];
  onSaved: (name: string) => void;
}) {
  const { t, lang } = useLang();
  const [d, setD] = useState(props.initial);
  const [failure, setFailure] = useState<FormFailure>();
  const [saved, setSaved] = useState(false);
  const [sampleDue, setSampleDue] = useState(() =>
    dayTextFromIso(toLocalDate(new Date(Date.now() + 21 * 86_400_000))),
  );
  useEffect(() => setSaved(false), [d]);
  const json = policyJsonOf(d);
  const checked = validate(policyBodySchema, json, lang);
  // Live: the schema's errors show as the administrator types; the API's replace them after a save.
  const errors = failure?.errors ?? (checked.ok ? {} : checked.errors);
  const err = (...p: string[]) => errorAt(errors, ...p);
  const update = (patch: Partial<PolicyDraft>) => {
    setFailure(undefined);
    setD({ ...d, ...patch });
  };
  const updateStep = (i: number, patch: Partial<StepDraft>) =>
    update({ steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const [busy, setBusy] = useState(false);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setBusy(true);
    try {
      if (props.stored)
        await api('PUT', `/policies/${encodeURIComponent(props.stored.name)}`, {
          body: checked.data,
          ifMatch: props.stored.version,
        });
      else await post('/policies', checked.data);
      setSaved(true);
      props.onSaved(checked.data.name);
    } catch (error) {
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  const text = (
    id: string,
    label: string,
    value: string,
    onInput: (v: string) => void,
    error?: string,
    type: 'text' | 'number' = 'text',
    hint?: string,
  ) => (
    <Field id={id} label={label} error={error} {...(hint ? { hint } : {})}>
      <input
        {...describedBy(id, error, hint)}
        type={type as 'text'}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
  const audiences: [string, string][] = [
    ['unit', t.audUnit],
    ['parent', t.audParent],
    ['office', t.audOffice],
  ];
  return (
    <form class="card policy-editor" onSubmit={submit} aria-labelledby="policy-title" noValidate>
      <h2 id="policy-title">{props.title}</h2>
      <FormMessage
        failure={failure}
        ok={saved ? t.saved : undefined}
        labels={policyLabels(t)}
        onRetry={submit}
      />
      <div class="grid">
        {props.stored ? (
          <p class="field">
            {t.policyName}: <strong>{d.name}</strong>
          </p>
        ) : (
          text('policy-name', t.policyName, d.name, (name) => update({ name }), err('name'))
        )}
        {text(
          'policy-sendAt',
          t.sendAt,
          d.sendAt,
          (sendAt) => update({ sendAt }),
          err('sendAt'),
          'text',
          t.timeFormatHint,
        )}
        {text(
          'policy-quietStart',
          t.quietStart,
          d.quietStart,
          (quietStart) => update({ quietStart }),
          err('quietHours.start'),
        )}
        {text(
          'policy-quietEnd',
          t.quietEnd,
          d.quietEnd,
          (quietEnd) => update({ quietEnd }),
          err('quietHours.end', 'quietHours'),
        )}
        <Field id="policy-diacritics" label={t.smsDiacritics} error={err('smsDiacritics')}>
          <select
            {...describedBy('policy-diacritics', err('smsDiacritics'))}
            value={d.smsDiacritics}
            onChange={(e) => update({ smsDiacritics: e.currentTarget.value as 'strip' | 'keep' })}
          >
            <option value="strip">{t.strip}</option>
            <option value="keep">{t.keep}</option>
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t.steps}</legend>
        {err('steps') && !d.steps.length && <p class="error">{err('steps')}</p>}
        <ol class="steps">
          {d.steps.map((s, i) => {
            const p = `steps[${i}]`;
            const id = `step-${i}`;
            return (
              <li key={i} class="step">
                <p class="step-sentence">
                  <strong>{stepText(s, lang) ?? t.stepIncomplete}</strong>
                </p>
                <div class="grid">
                  {text(
                    `${id}-offset`,
                    t.offset,
                    s.offset,
                    (offset) => updateStep(i, { offset }),
                    err(`${p}.offset`),
                    'text',
                    i === 0 ? t.offsetHint : undefined,
                  )}
                  {text(
                    `${id}-repeat`,
                    t.repeatEvery,
                    s.repeatEvery,
                    (repeatEvery) => updateStep(i, { repeatEvery }),
                    err(`${p}.repeatEvery`),
                  )}
                  {text(
                    `${id}-times`,
                    t.times,
                    s.times,
                    (times) => updateStep(i, { times }),
                    err(`${p}.times`),
                    'number',
                  )}
                </div>
                <div class="grid">
                  <Checks
                    legend={t.channels}
                    options={CHANNELS.map((c) => [c, channelName(c, lang)])}
                    chosen={s.channels}
                    onChange={(channels) => updateStep(i, { channels })}
                    error={err(`${p}.channels`)}
                    id={`${id}-channels`}
                  />
                  <Checks
                    legend={t.audience}
                    options={audiences}
                    chosen={s.to}
                    onChange={(to) => updateStep(i, { to })}
                    error={err(`${p}.to`)}
                    id={`${id}-to`}
                  />
                </div>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => update({ steps: d.steps.filter((_, j) => j !== i) })}
                >
                  {t.removeStep(i + 1)}
                </button>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            update({
              steps: [
                ...d.steps,
                { offset: '+1wd', repeatEvery: '', times: '1', channels: ['sms'], to: ['unit'] },
              ],
            })
          }
        >
          {t.addStep}
        </button>
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>
        {t.save}
      </button>
      <Field id="policy-sample-due" label={t.sampleDue} hint={t.dayFormatHint}>
        <DayInput id="policy-sample-due" name="sampleDue" value={sampleDue} onInput={setSampleDue} />
      </Field>
      <TimelinePreview
        idPrefix="policy-preview"
        policy={checked.ok ? checked.data : undefined}
        due={isLocalDate(isoFromDayText(sampleDue)) ? isoFromDayText(sampleDue) : undefined}
        overrides={props.overrides}
        sample={{
          unitName: 'Sở Nội vụ',
          taskTitle: 'Báo cáo sơ kết 6 tháng thực hiện Văn bản 276/UBND-NCPC',
          directiveNumber: '276/UBND-NCPC',
        }}
      />
    </form>
  );
}

function Checks(props: {
  id: string;
  legend: string;
  options: [string, string][];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  error: string | undefined;
}) {
  return (
    <fieldset class="checks" aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value}>
          <input
            type="checkbox"
            value={value}
            checked={props.chosen.includes(value)}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked ? [...props.chosen, value] : props.chosen.filter((c) => c !== value),
              )
            }
          />{' '}
          {label}
        </label>
      ))}
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
