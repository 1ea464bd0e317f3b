import type { IssueWords } from './issue-words.ts';

const WHAT: Record<string, string> = { channel: 'kênh', audience: 'người nhận' };

/** The one Vietnamese error map of the shared schemas: what a clerk reads under a field. */
export const VI_WORDS: IssueWords = {
  lang: 'vi',
  required: 'Bắt buộc nhập',
  notEmpty: 'Không được để trống',
  wrongType: (expected) => (expected === 'number' ? 'Phải là một số' : 'Giá trị không hợp lệ'),
  oneOf: (values) => `Phải là một trong: ${values}`,
  minLength: (n) => `Cần ít nhất ${n} ký tự`,
  maxLength: (n) => `Tối đa ${n} ký tự`,
  minItems: (n) => (n === 1 ? 'Chọn ít nhất một mục' : `Chọn ít nhất ${n} mục`),
  maxItems: (n) => `Chọn tối đa ${n} mục`,
  minNumber: (n, inclusive) => (inclusive ? `Phải từ ${n} trở lên` : `Phải lớn hơn ${n}`),
  maxNumber: (n, inclusive) => (inclusive ? `Tối đa là ${n}` : `Phải nhỏ hơn ${n}`),
  integer: 'Phải là số nguyên',
  dateTime: 'Phải là ngày và giờ',
  email: 'Phải là địa chỉ thư điện tử, ví dụ ten@example.gov.vn',
  format: 'Không đúng định dạng',
  notAllowed: 'Trường này không được phép',
  invalid: 'Giá trị không hợp lệ',
  explicit: [
    [
      /^must be a Vietnamese mobile number/,
      () => 'Phải là số di động Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678',
    ],
    [/^must be a slug/, () => 'Chỉ gồm chữ cái không dấu, chữ số, ".", "_" hoặc "-" (tối đa 80 ký tự)'],
    [/^must be a lower-case slug$/, () => 'Chỉ gồm chữ thường không dấu, chữ số và "-"'],
    [/^must be a date YYYY-MM-DD$/, () => 'Phải là ngày dạng dd/mm/yyyy'],
    [/^must be a real calendar date$/, () => 'Ngày không có thật trên lịch'],
    [/^must be a time HH:MM/, () => 'Phải là giờ dạng hh:mm (24 giờ)'],
    [/^must not be after `to`$/, () => 'Không được sau ngày kết thúc'],
    [/^must be a signed count of wd/, () => 'Phải là số ngày làm việc, số ngày hoặc số giờ'],
    [/^must be a positive count of wd/, () => 'Phải là số ngày làm việc, số ngày hoặc số giờ lớn hơn 0'],
    [/^must not repeat a (.+)$/, (what = '') => `Không được lặp lại ${WHAT[what] ?? what}`],
    [/^is required when times > 1$/, () => 'Bắt buộc khi nhắc nhiều lần'],
    [/^must differ from quietHours\.start$/, () => 'Phải khác giờ bắt đầu giờ yên lặng'],
    [
      /^must be outside quiet hours \((.+)-(.+)\)$/,
      (a = '', b = '') => `Phải ngoài giờ yên lặng (${a}–${b})`,
    ],
    [/^must name at least one channel$/, () => 'Chọn ít nhất một kênh'],
    [/^must name at least one audience$/, () => 'Chọn ít nhất một người nhận'],
    [/^must have at least one step$/, () => 'Cần ít nhất một bước nhắc'],
    [/^required (unless|for) /, () => 'Bắt buộc nhập'],
    [
      /^is used by (\d+) tasks?/,
      (n = '') =>
        `Đang được ${n} nhiệm vụ sử dụng; hãy chuyển các nhiệm vụ đó sang chính sách khác trước khi xóa`,
    ],
    [/^no overdue assignment matches the selection$/, () => 'Không có nhiệm vụ nào quá hạn để đôn đốc'],
    [
      /^unit "(.+)" has already acted on its assignment/,
      (unit = '') => `Đơn vị ${unit} đã tiếp nhận, báo cáo hoặc xin gia hạn nhiệm vụ nên không bỏ ra được`,
    ],
  ],
};
