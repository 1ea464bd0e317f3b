import type { AssignmentStatus } from './status.ts';

/** The wording of reminders, per language; messages.ts composes SMS and emails from it. */
export type Lang = 'vi' | 'en';

export const STATUS_NAMES: Record<Lang, Record<AssignmentStatus, string>> = {
  vi: {
    'on-track': 'trong hạn',
    'due-soon': 'sắp đến hạn',
    'behind-pace': 'chậm tiến độ',
    overdue: 'quá hạn',
    'done-on-time': 'hoàn thành đúng hạn',
    'done-late': 'hoàn thành quá hạn',
  },
  en: {
    'on-track': 'on track',
    'due-soon': 'due soon',
    'behind-pace': 'behind pace',
    overdue: 'overdue',
    'done-on-time': 'done on time',
    'done-late': 'done late',
  },
};

export const T = {
  vi: {
    left: (n: number) => `còn ${n} ngày`,
    today: 'hạn hôm nay',
    late: (n: number) => `quá hạn ${n} ngày`,
    lateToday: 'đã quá hạn',
    smsSingle: (unit: string, title: string, number: string, due: string, phrase: string) =>
      `Nhắc việc: ${unit}, nhiệm vụ "${title}" theo VB ${number}, hạn ${due}: ${phrase}.`,
    smsDigest: (who: string, n: number, overdue: number, number?: string) =>
      `Nhắc việc: ${who} có ${n} nhiệm vụ cần xử lý${number ? ` (VB ${number})` : ''}${overdue ? `, trong đó ${overdue} quá hạn` : ''}`,
    more: (n: number) => `và ${n} việc khác`,
    cta: {
      overdue: 'Đề nghị khẩn trương hoàn thành, báo cáo.',
      behind: 'Đề nghị đẩy nhanh tiến độ.',
      open: 'Đề nghị hoàn thành đúng hạn.',
    },
    subject: '[Nhắc việc]',
    subjectDigest: (n: number, overdue: number) =>
      `${n} nhiệm vụ cần xử lý${overdue ? ` (${overdue} quá hạn)` : ''}`,
    units: (n: number) => `${n} đơn vị`,
    greeting: (to: string) => `Kính gửi: ${to}`,
    everyone: 'các đơn vị',
    intro: (n: number) =>
      `Hệ thống đôn đốc, nhắc việc thông báo tình hình thực hiện ${n === 1 ? 'nhiệm vụ' : `${n} nhiệm vụ`} được giao:`,
    fields: { unit: 'Đơn vị chủ trì', directive: 'Văn bản', due: 'Hạn', status: 'Tình trạng' },
    howTo:
      'Khi có tiến độ mới hoặc đã hoàn thành, đề nghị đơn vị báo cáo trên hệ thống; nếu cần gia hạn, gửi đề nghị gia hạn kèm lý do.',
    footer: 'Thư này được gửi tự động, vui lòng không trả lời.',
  },
  en: {
    left: (n: number) => `${n} day${n === 1 ? '' : 's'} left`,
    today: 'due today',
    late: (n: number) => `${n} day${n === 1 ? '' : 's'} overdue`,
    lateToday: 'overdue',
    smsSingle: (unit: string, title: string, number: string, due: string, phrase: string) =>
      `Reminder: ${unit}, task "${title}" under ${number}, due ${due}: ${phrase}.`,
    smsDigest: (who: string, n: number, overdue: number, number?: string) =>
      `Reminder: ${who} ${/^\d+ units$/.test(who) ? 'have' : 'has'} ${n} tasks to act on${number ? ` (${number})` : ''}${overdue ? `, ${overdue} overdue` : ''}`,
    more: (n: number) => `and ${n} more`,
    cta: {
      overdue: 'Please complete and report without delay.',
      behind: 'Please speed up.',
      open: 'Please complete on time.',
    },
    subject: '[Reminder]',
    subjectDigest: (n: number, overdue: number) =>
      `${n} tasks to act on${overdue ? ` (${overdue} overdue)` : ''}`,
    units: (n: number) => `${n} units`,
    greeting: (to: string) => `To: ${to}`,
    everyone: 'the units concerned',
    intro: (n: number) =>
      `The reminder service reports on ${n === 1 ? 'a task' : `${n} tasks`} assigned to you:`,
    fields: { unit: 'Lead unit', directive: 'Directive', due: 'Due', status: 'Status' },
    howTo:
      'Please report progress or completion in the system; to ask for more time, request an extension with a reason.',
    footer: 'This message was sent automatically; please do not reply.',
  },
} as const;
