/**
 * The one table's key schema, defined once: the CDK stateful stack and the local runtime
 * (DynamoDB Local) both build the table from this object. What goes in each key is in keys.ts.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const tableSchema = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; expiring idempotency and log records. */
  ttlAttribute: 'expiresAt',
  /** All key attributes are strings; every index projects ALL attributes. */
  globalSecondaryIndexes: [
    /** Lists: units, directives (newest first), a unit's assignments by due date. */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** A task's assignments. */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Sparse: open assignments by next check time (the sweep's safety net). */
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    /** All assignments of one state across units, by due date. */
    { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  ] satisfies IndexDefinition[],
} as const;
