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
    /** `prefix` false drops "Nhắc việc" (the sender ID already says who writes) when room is short. */
    smsSingle: (unit: string, title: string, number: string, due: string, phrase: string, prefix: boolean) =>
      `${prefix ? 'Nhắc việc ' : ''}${unit}: "${title}", VB ${number}, hạn ${due}, ${phrase}.`,
    smsDigest: (who: string, n: number, overdue: number, number?: string) =>
      `Nhắc việc ${who}: ${n} nhiệm vụ cần xử lý${number ? ` (VB ${number})` : ''}${overdue ? `, ${overdue} quá hạn` : ''}`,
    more: (n: number) => `+${n} nhiệm vụ khác`,
    /** Before the link in an SMS: the personal link lets them report; the console is to look. */
    linkLead: { report: 'Báo cáo:', view: 'Xem:' },
    emailLink: {
      report: (url: string) => `Xem và báo cáo ngay, không cần mật khẩu (liên kết riêng của anh/chị): ${url}`,
      view: (url: string) => `Xem trên hệ thống: ${url}`,
    },
    letterLink: (url: string) => `Dự thảo văn bản đôn đốc (DOCX) để ký ban hành: ${url}`,
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
    smsSingle: (unit: string, title: string, number: string, due: string, phrase: string, prefix: boolean) =>
      `${prefix ? 'Reminder for ' : ''}${unit}: "${title}", ${number}, due ${due}, ${phrase}.`,
    smsDigest: (who: string, n: number, overdue: number, number?: string) =>
      `Reminder for ${who}: ${n} tasks to act on${number ? ` (${number})` : ''}${overdue ? `, ${overdue} overdue` : ''}`,
    more: (n: number) => `+${n} more task${n === 1 ? '' : 's'}`,
    linkLead: { report: 'Report:', view: 'View:' },
    emailLink: {
      report: (url: string) => `See and report now, no password needed (your personal link): ${url}`,
      view: (url: string) => `See it in the system: ${url}`,
    },
    letterLink: (url: string) => `Draft formal reminder letter (DOCX) to sign and issue: ${url}`,
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
