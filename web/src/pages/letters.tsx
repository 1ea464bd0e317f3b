import { formatLocalDate, toLocalDate } from '../../../shared/domain/local-time.ts';
import { apiBlob, get, saveBlob } from '../api.ts';
import { PagedList } from '../components/paged-list.tsx';
import { ActionButton, LoadState, useLoad } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';
import { href } from '../router.ts';
import type { Letter, LetterSummary } from '../types.ts';

/** An instant -> its day in Việt Nam, dd/mm/yyyy. */
const day = (iso: string) => formatLocalDate(toLocalDate(new Date(iso)));

/** The drafted letters, newest first, or one letter's text (`id`). */
export function LettersPage({ id }: { id?: string | undefined }) {
  const { t } = useLang();
  if (id) return <LetterText id={id} />;
  return (
    <>
      <h1 tabIndex={-1}>{t.lettersTitle}</h1>
      <p class="muted">{t.lettersIntro}</p>
      <PagedList<LetterSummary> path="/letters" empty={t.none}>
        {(letters) => (
          <ul class="cards">
            {letters.map((l) => (
              <li key={l.id} class="card">
                <a href={href('letters', l.id)}>
                  <strong>{l.subject}</strong>
                </a>
                <p class="muted">
                  {t.letterDrafted} {day(l.createdAt)} · {t.letterUnits(l.units)} · {t.letterItems(l.items)}
                </p>
                <DownloadButton id={l.id} />
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </>
  );
}

function LetterText({ id }: { id: string }) {
  const { t } = useLang();
  const loaded = useLoad(() => get<Letter>(`/letters/${encodeURIComponent(id)}`), [id]);
  return (
    <LoadState loaded={loaded}>
      {({ letter, createdAt }) => (
        <>
          <p>
            <a href={href('letters')}>{t.letterBack}</a>
          </p>
          <h1 tabIndex={-1}>{letter.subject}</h1>
          <p class="muted">
            {letter.number} · {letter.placeAndDate} · {t.letterDrafted} {day(createdAt)}
          </p>
          <DownloadButton id={id} />
          <section class="card" aria-labelledby="letter-to">
            <h2 id="letter-to">{t.letterTo}</h2>
            <ul>
              {letter.recipients.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p>{letter.opening}</p>
          </section>
          <section class="card" aria-labelledby="letter-tasks">
            <h2 id="letter-tasks">
              {t.letterTasks} ({letter.items.length})
            </h2>
            <ol>
              {letter.items.map((item, i) => (
                <li key={i}>
                  <strong>{item.unitName}</strong>: {item.taskTitle} — {t.due}: {day(item.dueAt)} (
                  {t.letterDaysOverdue(item.daysOverdue)})
                </li>
              ))}
            </ol>
            <p>{letter.closing}</p>
          </section>
        </>
      )}
    </LoadState>
  );
}

/** The Word file, fetched with the session's token and saved. */
function DownloadButton({ id }: { id: string }) {
  const { t } = useLang();
  const download = async () =>
    saveBlob(await apiBlob(`/letters/${encodeURIComponent(id)}/docx`), `van-ban-don-doc-${id}.docx`);
  return <ActionButton label={t.letterDownload} run={download} />;
}
