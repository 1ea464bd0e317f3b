import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AssignmentStatus } from '../../shared/domain/status.ts';
import type { Lang } from '../../shared/schemas/i18n/lang.ts';
import { en } from './words/en.ts';
import { type Dict, vi } from './words/vi.ts';

/** The console's words: Vietnamese first, English on the switch. */
export type { Dict, Lang };

export const DICTS: Record<Lang, Dict> = { vi, en };

const STATUS_NAMES: Record<Lang, Record<AssignmentStatus, string>> = {
  vi: {
    'on-track': 'Trong hạn',
    'due-soon': 'Sắp đến hạn',
    'behind-pace': 'Chậm tiến độ',
    overdue: 'Quá hạn',
    'done-on-time': 'Hoàn thành đúng hạn',
    'done-late': 'Hoàn thành quá hạn',
  },
  en: {
    'on-track': 'On track',
    'due-soon': 'Due soon',
    'behind-pace': 'Behind pace',
    overdue: 'Overdue',
    'done-on-time': 'Done on time',
    'done-late': 'Done late',
  },
};

export function statusLabel(status: AssignmentStatus, lang: Lang): string {
  return STATUS_NAMES[lang][status];
}

export interface LangState {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

export const LangContext = createContext<LangState>({ lang: 'vi', t: vi, setLang: () => {} });

export const useLang = (): LangState => useContext(LangContext);
