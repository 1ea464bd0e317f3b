import { benchBundles } from './bundles.ts';
console.log(JSON.stringify(await benchBundles(5), null, 1));
