import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatLocal } from '../../../shared/domain/local-time.ts';
import type { AssignmentStatus } from '../../../shared/domain/status.ts';
import { type FormFailure, failureOf, labelOf } from '../failures.ts';
import { statusLabel, useLang } from '../i18n.ts';

/** Accessible attributes of an input with an optional hint and error (ids `<id>-hint`, `<id>-error`). */
export function describedBy(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * The form-level message, announced to screen readers: one heading, what happened (the API's or the
 * network's failure), each field's rule under the field's label (never its path), and "Thử lại"
 * when the input was fine and trying again may work.
 */
export function FormMessage(props: {
  failure?: FormFailure | undefined;
  ok?: string | undefined;
  labels?: Readonly<Record<string, string>>;
  onRetry?: (() => void) | undefined;
}) {
  const { t } = useLang();
  const { failure, ok } = props;
  if (failure)
    return (
      <div class="notice notice-error" role="alert">
        <p>
          <strong>{failure.retryable ? t.notDone : t.errorSummary}</strong>
          {failure.message && ` ${failure.message}`}
        </p>
        {Object.keys(failure.errors).length > 0 && (
          <ul>
            {Object.entries(failure.errors).map(([path, rule]) => {
              const label = labelOf(path, props.labels ?? {});
              return <li key={path}>{label ? `${label}: ${rule}` : rule}</li>;
            })}
          </ul>
        )}
        {failure.retryable && props.onRetry && (
          <button type="button" class="secondary" onClick={props.onRetry}>
            {t.retry}
          </button>
        )}
      </div>
    );
  if (ok)
    return (
      <p class="notice notice-ok" role="status">
        {ok}
      </p>
    );
  return null;
}

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const { lang } = useLang();
  return <span class={`badge status-${status}`}>{statusLabel(status, lang)}</span>;
}

export function when(iso: string | undefined): string {
  return iso ? formatLocal(new Date(iso)) : '';
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`, with a reload for after a write. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: error ?? new Error('failed'), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function LoadState<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  const { t, lang } = useLang();
  if (loaded.error !== undefined)
    return (
      <FormMessage failure={{ ...failureOf(loaded.error, lang), retryable: true }} onRetry={loaded.reload} />
    );
  if (loaded.data === undefined)
    return (
      <p aria-busy="true" role="status" class="loading">
        {t.loading}
      </p>
    );
  return <>{children(loaded.data)}</>;
}

/**
 * A date typed as dd/mm/yyyy (text, so the browser's locale cannot turn it into mm/dd/yyyy);
 * the form converts it with `isoFromDayText` before validating.
 */
export function DayInput(props: {
  id: string;
  name: string;
  value: string;
  error?: string | undefined;
  onInput: (text: string) => void;
}) {
  const { t } = useLang();
  return (
    <input
      {...describedBy(props.id, props.error, t.dayFormatHint)}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t.dayPlaceholder}
      name={props.name}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}

/** A button that runs one request: disabled while it runs, its failure shown under it with "Thử lại". */
export function ActionButton(props: { label: string; run: () => Promise<void> }) {
  const { lang } = useLang();
  const [failure, setFailure] = useState<FormFailure>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await props.run();
      setFailure(undefined);
    } catch (error) {
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="buttons">
      <button type="button" class="secondary" disabled={busy} onClick={run}>
        {props.label}
      </button>
      <FormMessage failure={failure} onRetry={run} />
    </div>
  );
}

/**
 * A delete (or other final) action that asks first, in the page rather than in a browser dialog:
 * the first press shows the question with "Xóa" and "Hủy"; only the second sends anything.
 */
export function ConfirmButton(props: { label: string; question: string; onConfirm: () => Promise<void> }) {
  const { t } = useLang();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span class="confirm">
      <strong role="alert">{props.question}</strong>{' '}
      <button type="button" class="danger" disabled={busy} onClick={confirm}>
        {props.label}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        {t.cancel}
      </button>
    </span>
  );
}

/**
 * A `<details>` whose content is built only once opened: a unit head's seven cards, or directive
 * 276's dozens of tasks, stay light on a phone until one is asked for.
 */
export function OnDemand(props: {
  summary: ComponentChildren;
  summaryId?: string;
  class?: string;
  open?: boolean;
  children: () => ComponentChildren;
}) {
  const [open, setOpen] = useState(props.open ?? false);
  return (
    <details class={props.class} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id={props.summaryId}>{props.summary}</summary>
      {open && props.children()}
    </details>
  );
}
