import { DynamoLetterStore } from '../adapters/dynamodb/letters.ts';
import { DynamoLinkStore } from '../adapters/dynamodb/links.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import type { LetterStore } from '../ports/letters.ts';
import type { LinkStore } from '../ports/links.ts';
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

/** One adapter per Dependencies object (clients once per container). */
function memoised<T>(make: (table: DynamoStore) => T): (deps: Dependencies) => T {
  const built = new WeakMap<Dependencies, T>();
  return (deps) => {
    let found = built.get(deps);
    if (!found) {
      found = make(dynamoOf(deps));
      built.set(deps, found);
    }
    return found;
  };
}

const dynamoLetters = memoised((t) => new DynamoLetterStore(t.doc, t.tableName));
const dynamoLinks = memoised((t) => new DynamoLinkStore(t.doc, t.tableName));

export const letterStore = (deps: Dependencies): LetterStore => deps.letters ?? dynamoLetters(deps);
export const linkStore = (deps: Dependencies): LinkStore => deps.links ?? dynamoLinks(deps);
