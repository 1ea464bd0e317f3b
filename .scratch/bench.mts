process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED='true';
const { startDynamoDbLocal } = await import('/work/main/local/dynamodb-local.ts');
const { createDynamoClient, toDocumentClient } = await import('/work/main/shared/adapters/dynamodb/client.ts');
const { ensureTable } = await import('/work/main/shared/adapters/dynamodb/create-table.ts');
const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
const db = await startDynamoDbLocal();
const c = createDynamoClient({ endpoint: db.endpoint }); const doc = toDocumentClient(c);
await ensureTable(c, 'bench');
for (const round of [1,2,3]) {
  let s = performance.now();
  for (let i = 0; i < 300; i++) await doc.send(new PutCommand({ TableName: 'bench', Item: { PK: 'A#'+i, SK: 'x', GSI1PK: 'g', GSI1SK: String(i), v: i } }));
  const put = (performance.now()-s)/300;
  s = performance.now();
  for (let i = 0; i < 300; i++) await doc.send(new GetCommand({ TableName: 'bench', Key: { PK: 'A#'+i, SK: 'x' } }));
  const get = (performance.now()-s)/300;
  s = performance.now();
  await Promise.all(Array.from({length: 300}, (_, i) => doc.send(new GetCommand({ TableName: 'bench', Key: { PK: 'A#'+i, SK: 'x' } }))));
  const par = (performance.now()-s)/300;
  console.log(round, 'put', put.toFixed(2), 'get', get.toFixed(2), 'par get', par.toFixed(2));
}
await db.stop();
