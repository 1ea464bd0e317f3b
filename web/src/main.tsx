import { render } from 'preact';
import { App } from './app.tsx';
import { completeHostedSignIn } from './auth.ts';
import { type HostedUi, parseHostedUi } from './oauth.ts';

interface ConsoleConfig {
  apiBase: string;
  hostedUi: HostedUi | undefined;
}

/**
 * `/config.json` (written next to the console by the CDK deployment) names the API and the Cognito
 * hosted UI; locally it is absent: same-origin API, pasted tokens.
 */
async function consoleConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (!response.ok) return { apiBase: '', hostedUi: undefined };
    const config = (await response.json()) as { apiBase?: unknown; auth?: unknown };
    return {
      apiBase: typeof config.apiBase === 'string' ? config.apiBase.replace(/\/$/, '') : '',
      hostedUi: parseHostedUi(config.auth),
    };
  } catch {
    return { apiBase: '', hostedUi: undefined };
  }
}

// zod probes `new Function` when it builds an object schema, for its fast parser; the console's CSP
// forbids eval and reports the probe as a violation. zod reads this global config (before any page
// chunk brings zod in, as the shell has none); parsing a form's values needs no compiled parser.
(globalThis as { __zod_globalConfig?: object }).__zod_globalConfig = { jitless: true };

const root = document.getElementById('app');
if (root) {
  const { apiBase, hostedUi } = await consoleConfig();
  // Back from the hosted UI: exchange the code before the first render, so the app starts signed in.
  const outcome = hostedUi ? await completeHostedSignIn(hostedUi) : undefined;
  render(<App apiBase={apiBase} hostedUi={hostedUi} signInProblem={outcome?.problem} />, root);
}
