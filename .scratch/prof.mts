process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED='true'; process.env.POWERTOOLS_LOG_LEVEL='ERROR';
const { Engine } = await import('/work/main/local/runtime/engine.ts');
const { StreamPoller } = await import('/work/main/local/runtime/stream-poller.ts');
const { LocalScheduler } = await import('/work/main/local/runtime/local-scheduler.ts');
const { simulate } = await import('/work/main/local/runtime/simulation.ts');
const { readDemo } = await import('/work/main/local/runtime/demo.ts');
const t: Record<string, [number, number]> = {};
function wrap(proto: any, name: string, label: string) {
  const orig = proto[name];
  proto[name] = async function (...a: any[]) { const s = performance.now(); try { return await orig.apply(this, a); } finally { const e = t[label] ??= [0,0]; e[0] += performance.now()-s; e[1]++; } };
}
wrap(StreamPoller.prototype, 'drain', 'drain');
wrap(StreamPoller.prototype, 'getRecords', 'getRecords');
wrap(LocalScheduler.prototype, 'fireDue', 'fireDue');
wrap(Engine.prototype, 'api', 'api');
wrap(Engine.prototype, 'sweep', 'sweep');
wrap(Engine.prototype, 'settle', 'settle');
const s = performance.now();
const r = await simulate({ document: await readDemo(), from: '2023-01-13', to: process.argv[2] ?? '2023-02-01' });
console.log('total', performance.now()-s, 'messages', r.messages.length);
console.log(Object.entries(t).map(([k,[ms,n]]) => `${k}: ${ms.toFixed(0)}ms / ${n}`).join('\n'));
