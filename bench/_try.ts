import { WorkingCalendar } from '#domain/calendar';
import { planReminders } from '#domain/planner';
import { defaultPolicy } from '#domain/policy';
import { NaiveCalendar } from './naive-calendar.ts';
const cal = WorkingCalendar.create();
const naive = new NaiveCalendar();
let mism = 0;
// compare calendars day by day over 2022-2028
for (let n = Date.UTC(2022,0,1)/86400000; n < Date.UTC(2029,0,1)/86400000; n++) {
  if (cal.isWorkingDayNumber(n) !== naive.isWorkingDayNumber(n)) { mism++; console.log('diff', new Date(n*86400000).toISOString().slice(0,10), cal.isWorkingDayNumber(n)); }
}
console.log('mismatches', mism);
let t = performance.now();
let k = 0;
for (let i = 0; i < 2000; i++) { const due = new Date(Date.UTC(2023,0,1) + i * 86400000 * 0.9); k += planReminders({ dueAt: due, policy: defaultPolicy, calendar: naive as unknown as WorkingCalendar }).length; }
console.log('naive 2000 plans ms', performance.now() - t);
t = performance.now();
for (let i = 0; i < 100000; i++) { const due = new Date(Date.UTC(2023,0,1) + (i%1800) * 86400000); k += planReminders({ dueAt: due, policy: defaultPolicy, calendar: cal }).length; }
console.log('real 100000 plans ms', performance.now() - t);
