import { benchPlanner } from './planner.ts';
console.log(benchPlanner({ assignments: 100_000, baselineSeconds: 10 }));
