import type { ErrorCode } from '../api.ts';
import type { Lang } from './lang.ts';

export type ApiErrorCode = ErrorCode;

/** What each error code of the API means to the person at the screen, in both languages. */
export const API_ERROR_MESSAGES: Record<Lang, Record<ApiErrorCode, string>> = {
  vi: {
    validation: 'Dữ liệu chưa hợp lệ. Vui lòng sửa các ô được đánh dấu.',
    unauthorized: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.',
    forbidden: 'Bạn không có quyền thực hiện việc này (ví dụ: nhiệm vụ thuộc đơn vị khác).',
    'not-found': 'Không tìm thấy mục này; có thể nó đã bị xóa.',
    'method-not-allowed': 'Hệ thống không hỗ trợ thao tác này.',
    conflict: 'Không lưu được vì dữ liệu đã thay đổi hoặc mã đã được dùng. Hãy tải lại trang rồi thử lại.',
    'in-use': 'Không xóa được vì mục này vẫn đang được sử dụng.',
    'has-reports':
      'Không thực hiện được vì đơn vị đã tiếp nhận hoặc báo cáo nhiệm vụ này; nhiệm vụ được giữ lại làm hồ sơ.',
    'payload-too-large': 'Dữ liệu gửi lên quá lớn. Hãy chia nhỏ rồi gửi lại.',
    'unsupported-media-type': 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
    gone: 'Liên kết này đã hết hạn hoặc đã bị thu hồi. Hãy dùng liên kết trong tin nhắn nhắc việc mới nhất.',
    'too-many-requests': 'Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.',
    internal: 'Máy chủ gặp sự cố nên chưa xử lý được yêu cầu. Vui lòng thử lại sau ít phút.',
  },
  en: {
    validation: 'Some fields are not valid. Please correct the marked fields.',
    unauthorized: 'Your session has expired or is not valid. Please sign in again.',
    forbidden: 'You are not allowed to do this (for example, the task belongs to another unit).',
    'not-found': 'This item was not found; it may have been deleted.',
    'method-not-allowed': 'The system does not support this action.',
    conflict:
      'Not saved: the data changed meanwhile or the code is already used. Reload the page and try again.',
    'in-use': 'Not deleted: this item is still in use.',
    'has-reports':
      'Not done: units have already acknowledged or reported on this task; it is kept as a record.',
    'payload-too-large': 'What was sent is too large. Split it and send it again.',
    'unsupported-media-type': 'The format of what was sent is not supported.',
    gone: 'This link has expired or was revoked. Use the link in the latest reminder message.',
    'too-many-requests': 'Too many requests in a short time. Wait a moment, then try again.',
    internal:
      'The server ran into a problem and did not handle the request. Please try again in a few minutes.',
  },
};

/** 429 from API Gateway's throttling (it writes no error code). */
export const BUSY_MESSAGES: Record<Lang, string> = {
  vi: 'Hệ thống đang bận. Vui lòng đợi một lát rồi bấm “Thử lại”.',
  en: 'The system is busy. Wait a moment, then press “Try again”.',
};

/**
 * The code of a reply API Gateway wrote before dondoc ran (no `error` field), from its status:
 * 401 from the authorizer, 413 over its size limit, 5xx when the function cannot be reached.
 */
export function codeOfStatus(status: number): ApiErrorCode | undefined {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'payload-too-large';
  return status >= 500 ? 'internal' : undefined;
}

/** A failure before any reply (offline, DNS, the API down), in both languages. */
export const NETWORK_MESSAGES: Record<Lang, string> = {
  vi: 'Không kết nối được với máy chủ. Kiểm tra kết nối mạng rồi bấm “Thử lại”.',
  en: 'Could not reach the server. Check the network connection and press “Try again”.',
};

export const isApiErrorCode = (code: string): code is ApiErrorCode =>
  Object.hasOwn(API_ERROR_MESSAGES.vi, code);
