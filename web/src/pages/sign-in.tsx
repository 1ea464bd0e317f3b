import { useState } from 'preact/hooks';
import { describedBy, Field } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';

export function SignIn({ onSignIn, expired }: { onSignIn: (token: string) => boolean; expired: boolean }) {
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
