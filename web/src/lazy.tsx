import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FormMessage } from './components/ui.tsx';
import { failureOf } from './failures.ts';
import { useLang } from './i18n.ts';

/**
 * A page whose code is fetched when it is first opened (its own chunk of the build), so the first
 * screen loads only the shell and the page it shows. Until then a placeholder keeps the page's
 * place; when the chunk cannot be fetched (the network dropped), "Thử lại" fetches it again.
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** `loading` reserves a page's height; a part of a page (a form) passes `loading-part`. */
  placeholder: 'loading' | 'loading-part' = 'loading',
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyPage(props: P): JSX.Element {
    const { t, lang } = useLang();
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failure, setFailure] = useState<unknown>();
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setPage(() => component);
        },
        (error: unknown) => live && setFailure(error),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Page) return <Page {...props} />;
    if (failure !== undefined)
      return (
        <FormMessage
          failure={{ ...failureOf(failure, lang), retryable: true }}
          onRetry={() => {
            setFailure(undefined);
            setAttempt((n) => n + 1);
          }}
        />
      );
    return (
      <p aria-busy="true" role="status" class={placeholder}>
        {t.loading}
      </p>
    );
  };
}
