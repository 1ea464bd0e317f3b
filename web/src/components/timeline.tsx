import { useMemo, useState } from 'preact/hooks';
import { WorkingCalendar } from '../../../shared/domain/calendar.ts';
import {
  dayNumberOfInstant,
  formatLocal,
  WEEKDAY_NAMES,
  weekdayOf,
} from '../../../shared/domain/local-time.ts';
import type { ReminderPolicy } from '../../../shared/domain/policy.ts';
import { SMS_PRICE_USD_PER_PART } from '../../../shared/domain/sms-price.ts';
import type { CalendarOverride, DeadlineRule } from '../../../shared/schemas/entities.ts';
import { useLang } from '../i18n.ts';
import { buildTimeline, type Timeline } from '../model/timeline.ts';
import { stepSentence } from '../model/wording.ts';
import { describedBy, Field, StatusBadge } from './ui.tsx';

const PRICE_KEY = 'dondoc.smsPrice';

export interface TimelinePreviewProps {
  /** Undefined while the policy does not validate. */
  policy: ReminderPolicy | undefined;
  due: DeadlineRule | undefined;
  urgent?: boolean;
  overrides?: CalendarOverride[];
  sample: { unitName: string; taskTitle: string; directiveNumber: string };
  /** Unique prefix for the ids of the preview's own inputs. */
  idPrefix: string;
}

/**
 * The reminder timeline of a policy for one deadline, live: the planner, status and SMS wording of
 * the engine itself run here in the browser, so what is shown is what will be sent.
 */
export function TimelinePreview(props: TimelinePreviewProps) {
  const { t, lang } = useLang();
  const [price, setPrice] = useState(
    () => window.localStorage.getItem(PRICE_KEY) ?? String(SMS_PRICE_USD_PER_PART),
  );
  const calendar = useMemo(() => WorkingCalendar.create(props.overrides ?? []), [props.overrides]);
  const pricePerSegment = Number.isFinite(Number(price)) ? Math.max(0, Number(price)) : 0;
  let timeline: Timeline | undefined;
  let problem: string | undefined;
  if (props.policy && props.due !== undefined) {
    try {
      timeline = buildTimeline({
        due: props.due,
        policy: props.policy,
        calendar,
        assignedAt: new Date(),
        urgent: props.urgent ?? false,
        sample: props.sample,
        lang,
        pricePerSegment,
        // The engine's links point at this console: the preview counts one as long.
        linkBase: window.location.origin,
      });
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  const priceId = `${props.idPrefix}-price`;
  return (
    <section class="timeline" aria-labelledby={`${props.idPrefix}-title`} data-testid="timeline">
      <h3 id={`${props.idPrefix}-title`}>{t.timelineTitle}</h3>
      <Field id={priceId} label={t.pricePerSegment}>
        <input
          {...describedBy(priceId)}
          type="number"
          min="0"
          step="0.001"
          inputMode="decimal"
          value={price}
          onInput={(e) => {
            setPrice(e.currentTarget.value);
            window.localStorage.setItem(PRICE_KEY, e.currentTarget.value);
          }}
        />
      </Field>
      {!timeline ? (
        <p class="hint">{problem ?? t.timelineEmpty}</p>
      ) : (
        <>
          <p>
            {t.dueResolved}: <strong>{day(timeline.dueAt)}</strong>
          </p>
          <p role="status" class="totals">
            {t.totals(
              timeline.totals.reminders,
              timeline.totals.sms,
              timeline.totals.segments,
              timeline.totals.cost.toFixed(3),
            )}
          </p>
          <ol class="timeline-list">
            {timeline.rows.map((row) => (
              <li key={`${row.step}-${row.send}`} class="timeline-row">
                <div class="timeline-when">
                  <time dateTime={row.at.toISOString()}>{day(row.at)}</time>
                  <span class="muted">
                    {' '}
                    · {t.step} {row.step + 1}
                    {row.send > 1 ? ` (${t.sendNumber(row.send)})` : ''} ·{' '}
                    {stepSentence({ offset: row.offset, channels: row.channels, to: row.to }, lang)}
                  </span>{' '}
                  <StatusBadge status={row.status} />
                </div>
                {row.sms && (
                  <div class="sms">
                    <p class="sms-text" lang={lang}>
                      {row.sms.text}
                    </p>
                    <p class="muted">
                      {t.segments}: <strong data-testid="segments">{row.sms.info.segments}</strong> ·{' '}
                      {t.encoding}: {row.sms.info.encoding} · {row.sms.info.characters} · {t.cost}:{' '}
                      {row.sms.cost.toFixed(3)} USD
                    </p>
                  </div>
                )}
                {row.email && (
                  <p class="muted">
                    {t.emailSubject}: {row.email.subject}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function day(at: Date): string {
  return `${WEEKDAY_NAMES[weekdayOf(dayNumberOfInstant(at))]} ${formatLocal(at)}`;
}
