import { useState } from 'preact/hooks';
import { useLang } from '../i18n.ts';
import type { Unit } from '../types.ts';

/** Vietnamese-insensitive search: "noi vu" finds "Sở Nội vụ", "ba be" finds "UBND huyện Ba Bể". */
export const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/**
 * Units to tick, with a search over their names and the count chosen: every unit is listed (a
 * province has 30 to 200), and the ones already chosen stay visible whatever the search.
 */
export function UnitChoice(props: {
  legend: string;
  name: string;
  units: Unit[];
  chosen: string[];
  /** Chosen units that cannot be taken off (they have acted on the task), marked as such. */
  locked?: string[] | undefined;
  onToggle: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useLang();
  const [query, setQuery] = useState('');
  const errorId = `${props.name}-error`;
  const countId = `${props.name}-count`;
  const q = folded(query.trim());
  const shown = props.units.filter((u) => !q || props.chosen.includes(u.id) || folded(u.name).includes(q));
  return (
    <fieldset
      class="unit-choice"
      aria-describedby={[countId, props.error ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend>{props.legend}</legend>
      <div class="unit-search">
        <label>
          {t.searchUnits}{' '}
          <input
            type="search"
            name={`${props.name}-search`}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <p id={countId} role="status" class="hint">
          {t.unitsChosen(props.chosen.length, shown.length, props.units.length)}
        </p>
      </div>
      <div class="choices">
        {shown.map((u) => (
          <label key={u.id}>
            <input
              type="checkbox"
              name={props.name}
              value={u.id}
              checked={props.chosen.includes(u.id)}
              disabled={props.locked?.includes(u.id)}
              onChange={() => props.onToggle(u.id)}
            />{' '}
            {u.name}
            {props.locked?.includes(u.id) && <span class="hint"> ({t.unitActed})</span>}
          </label>
        ))}
      </div>
      {props.error && (
        <p class="error" id={errorId}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
