import { useLang } from '../i18n.ts';
import { instantText } from '../model/date-words.ts';
import type { AssignmentView } from '../types.ts';
import { StatusBadge } from './ui.tsx';

/** An assignment card's one line of facts: status, deadline, progress. */
export function AssignmentFacts({ a }: { a: AssignmentView }) {
  const { t, lang } = useLang();
  return (
    <p class="card-facts">
      <StatusBadge status={a.status} />{' '}
      <span>
        {t.due}: {instantText(a.dueAt, lang)}
      </span>{' '}
      <span>
        {t.progress}: {a.progress}%
      </span>
    </p>
  );
}
