import type { LinkRefusal } from '#domain/link';
import { formatLocal } from '#domain/local-time';
import { STATUS_NAMES } from '#domain/message-texts';
import type { OpenedLink } from '../usecases/links/open-link.ts';
import type { AssignmentView } from '../usecases/unit-head/assignment-queries.ts';

/**
 * The page a personal link opens (`GET /l/<code>`): plain HTML, no script, one form per action, so
 * it works on any phone browser and under the console's strict CSP. Forms post back to the same
 * address (`POST /l/<code>`), which answers with a redirect (303) to the page and a line saying
 * what was recorded.
 */

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d232b}
main{max-width:40rem;margin:auto;padding:1rem}h1{font-size:1.3rem;margin:.2rem 0}
section{background:#fff;border:1px solid #d8dde4;border-radius:.5rem;padding:1rem;margin:1rem 0}
h2{font-size:1.05rem;margin:0 0 .4rem}p{margin:.3rem 0}.late{color:#a4161a;font-weight:600}
.ok{background:#e6f4ea;border-color:#8bc89b}.err{background:#fdecea;border-color:#e8a19b}
form{margin:.6rem 0 0}label{display:block;margin:.3rem 0}input,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}
button{font:inherit;padding:.55rem 1rem;margin-top:.4rem;border:0;border-radius:.35rem;background:#0b5cad;color:#fff;width:100%}
small{color:#5b6572}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)} – dondoc</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const DONE: Record<string, string> = {
  acknowledge: 'Đã ghi nhận: anh/chị đã nhận nhiệm vụ.',
  progress: 'Đã ghi nhận báo cáo tiến độ.',
  complete: 'Đã ghi nhận báo cáo hoàn thành. Hệ thống sẽ dừng nhắc việc này.',
};

function actions(code: string, a: AssignmentView): string {
  if (a.state !== 'open') return '<p><strong>Đã hoàn thành.</strong></p>';
  const form = (action: string, inner: string, button: string) =>
    `<form method="post" action="/l/${esc(code)}"><input type="hidden" name="item" value="${esc(a.id)}">` +
    `<input type="hidden" name="action" value="${action}">${inner}<button>${button}</button></form>`;
  const ack = a.acknowledgedAt ? '' : form('acknowledge', '', 'Đã nhận nhiệm vụ');
  const progress = form(
    'progress',
    `<label>Tiến độ (%) <input name="percent" type="number" min="0" max="100" required value="${a.progress}"></label>` +
      '<label>Ghi chú <textarea name="note" rows="2" maxlength="2000"></textarea></label>',
    'Báo cáo tiến độ',
  );
  const done = form(
    'complete',
    '<label>Kết quả <textarea name="note" rows="2" maxlength="2000"></textarea></label>',
    'Báo cáo hoàn thành',
  );
  return ack + progress + done;
}

function item(code: string, a: AssignmentView): string {
  const late = a.status === 'overdue' ? ' class="late"' : '';
  return `<section><h2>${esc(a.title)}</h2><p>Hạn: ${formatLocal(new Date(a.dueAt))}</p>
<p${late}>Tình trạng: ${esc(STATUS_NAMES.vi[a.status])} · tiến độ ${a.progress}%</p>${actions(code, a)}</section>`;
}

/** The link's page; `notice` is the line on top (what was just recorded, or what was wrong). */
export function linkPage(code: string, opened: OpenedLink, notice?: { ok: boolean; text: string }): string {
  const { contact, unitName, items, link } = opened;
  const top = notice
    ? `<section class="${notice.ok ? 'ok' : 'err'}" role="status">${esc(notice.text)}</section>`
    : '';
  const until = formatLocal(new Date(link.validUntil)).slice(0, 10);
  return page(
    `Nhắc việc – ${unitName}`,
    `<h1>Nhắc việc – ${esc(unitName)}</h1><p>Kính gửi ${esc(contact.name)}.</p>${top}
${items.map((a) => item(code, a)).join('\n')}
<p><small>Liên kết này dành riêng cho ${esc(contact.name)}, dùng đến ngày ${until}; mọi thao tác được ghi lại
với tên anh/chị "qua liên kết". Không chuyển tiếp cho người khác.</small></p>`,
  );
}

export const doneNotice = (action: string | undefined) =>
  action && DONE[action] ? { ok: true, text: DONE[action] } : undefined;

const REFUSALS: Record<LinkRefusal | 'limited', { title: string; text: string }> = {
  unknown: {
    title: 'Không tìm thấy liên kết',
    text: 'Liên kết không đúng, có thể đã bị cắt mất một phần khi sao chép. Hãy mở lại đúng liên kết trong tin nhắn.',
  },
  expired: {
    title: 'Liên kết đã hết hạn',
    text: 'Mỗi liên kết chỉ dùng được 30 ngày. Tin nhắn nhắc việc tiếp theo sẽ có liên kết mới.',
  },
  revoked: {
    title: 'Liên kết đã bị thu hồi',
    text: 'Văn phòng đã thu hồi liên kết này. Nếu anh/chị vẫn cần báo cáo, hãy liên hệ Văn phòng UBND.',
  },
  closed: {
    title: 'Các nhiệm vụ đã hoàn thành',
    text: 'Mọi nhiệm vụ trong liên kết này đã được báo cáo hoàn thành; không còn việc cần làm. Cảm ơn anh/chị.',
  },
  limited: {
    title: 'Quá nhiều yêu cầu',
    text: 'Có quá nhiều lượt mở liên kết từ máy này. Vui lòng thử lại sau ít phút.',
  },
};

/** The plain page for a link that does not open: what happened and what to do, never an error dump. */
export function refusalPage(reason: LinkRefusal | 'limited'): string {
  const { title, text } = REFUSALS[reason];
  return page(
    title,
    `<h1>${title}</h1><section><p>${text}</p><p>Anh/chị cũng có thể <a href="/">đăng nhập hệ thống</a> để xem và báo cáo nhiệm vụ của đơn vị.</p></section>`,
  );
}
