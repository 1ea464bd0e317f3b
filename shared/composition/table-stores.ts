import { DynamoLetterStore } from '../adapters/dynamodb/letters.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import type { LetterStore } from '../ports/letters.ts';
import type { Dependencies } from './dependencies.ts';

/**
 * The item kinds kept beside the Store's in the one table (letters, links, receipts): given by the
 * composition root, or built on the DynamoStore's table (also behind the local read cache, `inner`).
 */
function dynamoOf(deps: Dependencies): DynamoStore {
  const store = deps.store as { inner?: unknown };
  const table = deps.store instanceof DynamoStore ? deps.store : store.inner;
  if (table instanceof DynamoStore) return table;
  throw new Error('letters and links need a DynamoStore (or pass them in the dependencies)');
}

const letters = new WeakMap<Dependencies, LetterStore>();

export function letterStore(deps: Dependencies): LetterStore {
  if (deps.letters) return deps.letters;
  let found = letters.get(deps);
  if (!found) {
    const table = dynamoOf(deps);
    found = new DynamoLetterStore(table.doc, table.tableName);
    letters.set(deps, found);
  }
  return found;
}
