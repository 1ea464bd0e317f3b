process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED='true'; process.env.POWERTOOLS_LOG_LEVEL='ERROR';
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { DynamoDBStreamsClient } = await import('@aws-sdk/client-dynamodb-streams'); const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
const t: Record<string, [number, number]> = {};
for (const C of [DynamoDBDocumentClient, DynamoDBStreamsClient]) {
  const orig = (C.prototype as any).send;
  (C.prototype as any).send = async function (cmd: any, ...a: any[]) { const s = performance.now(); try { return await orig.call(this, cmd, ...a); } finally { const k = cmd.constructor.name; const e = t[k] ??= [0,0]; e[0] += performance.now()-s; e[1]++; } };
}
const { simulate } = await import('/work/main/local/runtime/simulation.ts');
const { readDemo } = await import('/work/main/local/runtime/demo.ts');
const s = performance.now();
const r = await simulate({ document: await readDemo(), from: '2023-01-13', to: process.argv[2] ?? '2023-01-20' });
console.log('total', performance.now()-s, 'messages', r.messages.length);
console.log(Object.entries(t).sort((a,b)=>b[1][0]-a[1][0]).map(([k,[ms,n]]) => `${k}: ${ms.toFixed(0)}ms / ${n} (${(ms/n).toFixed(1)})`).join('\n'));
