import { useEffect, useMemo, useState } from 'preact/hooks';
import { configureApi } from './api.ts';
import { clearSession, loadSession, type Session, saveSession, sessionOf } from './auth.ts';
import { DICTS, type Lang, LangContext, useLang } from './i18n.ts';
import { lazyPage } from './lazy.tsx';
import { type HostedUi, logoutUrl, type SignInProblem } from './oauth.ts';
import { SignIn } from './pages/sign-in.tsx';
import { href, useRoute } from './router.ts';

/** One chunk per page: the first screen fetches only the shell and itself. */
const AssignmentPage = lazyPage(() => import('./pages/assignment.tsx').then((m) => m.AssignmentPage));
const CalendarPage = lazyPage(() => import('./pages/calendar.tsx').then((m) => m.CalendarPage));
const DashboardPage = lazyPage(() => import('./pages/dashboard.tsx').then((m) => m.DashboardPage));
const DirectivePage = lazyPage(() => import('./pages/directive.tsx').then((m) => m.DirectivePage));
const DirectivesPage = lazyPage(() => import('./pages/directives.tsx').then((m) => m.DirectivesPage));
const PoliciesPage = lazyPage(() => import('./pages/policies.tsx').then((m) => m.PoliciesPage));
const ScorecardPage = lazyPage(() => import('./pages/scorecard.tsx').then((m) => m.ScorecardPage));
const LettersPage = lazyPage(() => import('./pages/letters.tsx').then((m) => m.LettersPage));
const MyUnitPage = lazyPage(() => import('./pages/unit-head.tsx').then((m) => m.MyUnitPage));
const UnitAssignmentsPage = lazyPage(() =>
  import('./pages/unit-assignments.tsx').then((m) => m.UnitAssignmentsPage),
);
const UnitsPage = lazyPage(() => import('./pages/units.tsx').then((m) => m.UnitsPage));

const LANG_KEY = 'dondoc.lang';
/** The longest delay setTimeout honours (about 24.8 days); a local token may outlive it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface AppProps {
  apiBase: string;
  /** The Cognito hosted UI (in AWS, from `/config.json`); absent in the local runtime. */
  hostedUi?: HostedUi | undefined;
  /** Why the return from the hosted UI did not sign the user in. */
  signInProblem?: SignInProblem | undefined;
}

export function App({ apiBase, hostedUi, signInProblem }: AppProps) {
  const [lang, setLangState] = useState<Lang>(() =>
    window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi',
  );
  const [session, setSession] = useState<Session | undefined>(() => loadSession(hostedUi !== undefined));
  const [expired, setExpired] = useState(false);
  const [problem, setProblem] = useState(signInProblem);
  const langState = useMemo(
    () => ({
      lang,
      t: DICTS[lang],
      setLang: (next: Lang) => {
        window.localStorage.setItem(LANG_KEY, next);
        setLangState(next);
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const expire = () => {
    clearSession();
    setProblem(undefined);
    setExpired(true);
    setSession(undefined);
  };
  useEffect(() => {
    // Back to sign-in when the token expires, rather than at the next call's 401.
    const delay = session?.expiresAt !== undefined ? session.expiresAt - Date.now() : undefined;
    if (delay === undefined || delay > MAX_TIMER_MS) return;
    const timer = window.setTimeout(expire, Math.max(0, delay));
    return () => window.clearTimeout(timer);
  }, [session]);
  configureApi({
    base: apiBase,
    token: () => session?.token,
    onUnauthorized: expire,
  });
  const signIn = (token: string): boolean => {
    const next = sessionOf(token);
    if (!next) return false;
    saveSession(next);
    setExpired(false);
    setSession(next);
    return true;
  };
  const signOut = () => {
    clearSession();
    // With the hosted UI, end its session too (it would sign the user straight back in otherwise).
    if (hostedUi) window.location.assign(logoutUrl(hostedUi));
    else setSession(undefined);
  };
  return (
    <LangContext.Provider value={langState}>
      {/* biome-ignore lint/a11y/useValidAnchor: a real skip link; the click handler only stops the hash router from reading #main as a page */}
      <a class="skip" href="#main" onClick={skipToMain}>
        {langState.t.skip}
      </a>
      <Header session={session} onSignOut={signOut} />
      {session ? (
        <Routed session={session} />
      ) : (
        <SignIn onSignIn={signIn} expired={expired} hostedUi={hostedUi} problem={problem} />
      )}
    </LangContext.Provider>
  );
}

function skipToMain(event: Event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function Header({ session, onSignOut }: { session: Session | undefined; onSignOut: () => void }) {
  const { t, lang, setLang } = useLang();
  return (
    <header class="top">
      <div class="brand">
        <span aria-hidden="true" class="logo">
          ĐĐ
        </span>
        <span>{t.appName}</span>
      </div>
      <div class="top-actions">
        {session && (
          <span class="who">
            {t.signedInAs}: {session.role === 'admin' ? t.roleAdmin : t.roleHead}
          </span>
        )}
        <button
          type="button"
          class="link-button"
          lang={lang === 'vi' ? 'en' : 'vi'}
          title={t.langSwitchLabel}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t.langSwitch}
        </button>
        {session && (
          <button type="button" class="link-button" onClick={onSignOut}>
            {t.signOut}
          </button>
        )}
      </div>
    </header>
  );
}

function Nav({ session, current }: { session: Session; current: string }) {
  const { t } = useLang();
  const items: [string, string][] =
    session.role === 'admin'
      ? [
          ['', t.navDashboard],
          ['directives', t.navDirectives],
          ['policies', t.navPolicies],
          ['units', t.navUnits],
          ['calendar', t.navCalendar],
          ['scorecard', t.navScorecard],
          ['letters', t.navLetters],
        ]
      : [['', t.navMine]];
  return (
    <nav aria-label={t.nav} class="nav">
      <ul>
        {items.map(([path, label]) => (
          <li key={path}>
            <a href={path ? href(path) : '#/'} aria-current={current === path ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Routed({ session }: { session: Session }) {
  const [first = '', second, third] = useRoute();
  const admin = session.role === 'admin';
  let page = admin ? <DashboardPage /> : <MyUnitPage session={session} />;
  if (first === 'assignments' && second) page = <AssignmentPage id={second} session={session} />;
  else if (admin && first === 'directives')
    page = second ? <DirectivePage id={second} /> : <DirectivesPage />;
  else if (admin && first === 'policies') page = <PoliciesPage selected={second} />;
  else if (admin && first === 'units' && second && third === 'assignments')
    page = <UnitAssignmentsPage unitId={second} />;
  else if (admin && first === 'units') page = <UnitsPage selected={second} />;
  else if (admin && first === 'calendar') page = <CalendarPage initialYear={second} />;
  else if (admin && first === 'scorecard') page = <ScorecardPage />;
  else if (admin && first === 'letters') page = <LettersPage id={second} />;
  useEffect(() => {
    // A new page: move focus to its heading, as a screen reader user would expect after a link.
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
  }, [first, second, third]);
  return (
    <div class="layout">
      <Nav session={session} current={first} />
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
