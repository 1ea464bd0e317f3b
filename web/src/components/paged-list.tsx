import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { failureOf } from '../failures.ts';
import { useLang } from '../i18n.ts';
import { FormMessage } from './ui.tsx';

interface Page<T> {
  items: T[];
  cursor?: string;
}

/**
 * A long list read a page at a time (the API's cursor), with "Xem thêm" for the next page and the
 * count shown so far: a province's lists run to hundreds of items, a phone needs the first few.
 */
export function PagedList<T>(props: {
  path: string;
  query?: Record<string, string>;
  pageSize?: number;
  /** Changes when the list must be read again from the start (after a write). */
  version?: number;
  empty: string;
  children: (items: T[]) => ComponentChildren;
}) {
  const { t, lang } = useLang();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [state, setState] = useState<'loading' | 'idle' | 'failed'>('loading');
  const [failure, setFailure] = useState<unknown>();
  const key = `${props.path}?${new URLSearchParams(props.query).toString()}#${props.version ?? 0}`;
  const load = async (from: string | undefined, previous: T[]) => {
    setState('loading');
    try {
      const page = await get<Page<T>>(props.path, {
        ...props.query,
        limit: props.pageSize ?? 25,
        cursor: from,
      });
      setItems([...previous, ...page.items]);
      setCursor(page.cursor);
      setState('idle');
    } catch (error) {
      setFailure(error);
      setState('failed');
    }
  };
  useEffect(() => {
    setItems([]);
    void load(undefined, []);
  }, [key]);
  return (
    <>
      {items.length === 0 && state === 'idle' ? <p>{props.empty}</p> : props.children(items)}
      {state === 'failed' && (
        <FormMessage
          failure={{ ...failureOf(failure, lang), retryable: true }}
          onRetry={() => load(cursor, items)}
        />
      )}
      {state === 'loading' && (
        <p aria-busy="true" role="status" class="loading">
          {t.loading}
        </p>
      )}
      {state === 'idle' && items.length > 0 && (
        <p class="paging" role="status">
          {t.shown(items.length)}{' '}
          {cursor && (
            <button type="button" class="secondary" onClick={() => load(cursor, items)}>
              {t.showMore}
            </button>
          )}
        </p>
      )}
    </>
  );
}
