import { useEffect, useState } from 'preact/hooks';
import { startHostedSignIn } from '../auth.ts';
import { describedBy, Field } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';
import type { HostedUi, SignInProblem } from '../oauth.ts';

export interface SignInProps {
  /** Local runtime: checks a pasted token and signs in with it. */
  onSignIn: (token: string) => boolean;
  expired: boolean;
  /** In AWS: the Cognito hosted UI to send the user to; absent locally. */
  hostedUi?: HostedUi | undefined;
  /** Why the last round trip through the hosted UI did not sign the user in. */
  problem?: SignInProblem | undefined;
}

export function SignIn({ onSignIn, expired, hostedUi, problem }: SignInProps) {
  return hostedUi ? (
    <HostedSignIn hostedUi={hostedUi} expired={expired} problem={problem} />
  ) : (
    <TokenSignIn onSignIn={onSignIn} expired={expired} />
  );
}

/** One button to the hosted UI (authorization code + PKCE); the reason to sign in again, if any. */
function HostedSignIn({
  hostedUi,
  expired,
  problem,
}: {
  hostedUi: HostedUi;
  expired: boolean;
  problem: SignInProblem | undefined;
}) {
  const { t } = useLang();
  const [leaving, setLeaving] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // Back from the hosted UI without signing in: the page may come from the back-forward cache.
    const reset = (event: PageTransitionEvent) => event.persisted && setLeaving(false);
    window.addEventListener('pageshow', reset);
    return () => window.removeEventListener('pageshow', reset);
  }, []);
  const message = failed
    ? t.signInProblems.failed
    : problem
      ? t.signInProblems[problem]
      : expired
        ? t.sessionExpired
        : undefined;
  const start = () => {
    setLeaving(true);
    startHostedSignIn(hostedUi).catch(() => {
      setLeaving(false);
      setFailed(true);
    });
  };
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInHostedIntro}</p>
      {message && (
        <p class="notice notice-error" role="alert">
          {message}
        </p>
      )}
      <div class="card">
        <button type="button" class="primary" onClick={start} disabled={leaving} aria-busy={leaving}>
          {leaving ? t.signingIn : t.signIn}
        </button>
      </div>
    </main>
  );
}

/** The local runtime's sign-in: paste a token from `npx dondoc token` (or open a `?token=` link). */
function TokenSignIn({ onSignIn, expired }: { onSignIn: (token: string) => boolean; expired: boolean }) {
  const { t } = useLang();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(expired ? t.tokenInvalid : undefined);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!onSignIn(token)) setError(t.tokenInvalid);
  };
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInIntro}</p>
      <form onSubmit={submit} class="card">
        <Field id="token" label={t.tokenLabel} error={error}>
          <textarea
            {...describedBy('token', error)}
            name="token"
            rows={4}
            required
            autoComplete="off"
            spellcheck={false}
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="primary">
          {t.signIn}
        </button>
      </form>
    </main>
  );
}
