import { render } from 'preact';
import { App } from './app.tsx';

/** `/config.json` (written next to the console by the CDK deployment) names the API; locally it is absent. */
async function apiBase(): Promise<string> {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (!response.ok) return '';
    const config = (await response.json()) as { apiBase?: unknown };
    return typeof config.apiBase === 'string' ? config.apiBase.replace(/\/$/, '') : '';
  } catch {
    return '';
  }
}

const root = document.getElementById('app');
if (root) render(<App apiBase={await apiBase()} />, root);
