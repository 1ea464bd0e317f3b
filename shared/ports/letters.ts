import type { Letter } from '../domain/letter.ts';
import type { Page, PageRequest } from './store.ts';

/** A drafted reminder letter: its content as composed that day (re-rendered to DOCX on download). */
export interface StoredLetter {
  id: string;
  createdAt: string;
  /** `admin:<sub>` for a request from the console, `policy:<name>#<step>` for a policy step. */
  createdBy: string;
  assignmentIds: string[];
  letter: Letter;
}

export type LetterSummary = Omit<StoredLetter, 'letter' | 'assignmentIds'> & {
  subject: string;
  units: number;
  items: number;
};

export interface LetterStore {
  /** Stores a letter once: the same id twice keeps the first (a retried policy step drafts nothing new). */
  save(letter: StoredLetter): Promise<boolean>;
  get(id: string): Promise<StoredLetter | undefined>;
  /** Newest first. */
  list(page?: PageRequest): Promise<Page<LetterSummary>>;
}
