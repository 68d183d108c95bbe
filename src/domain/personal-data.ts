/**
 * Personal data of contacts (people at enterprises): shown masked in lists, details, audit rows
 * and logs; the full value only through an audited reveal or a permitted, audited export.
 *   phones   mobile 13812345678 → 138****5678; landline 0991-1234567 → 0991-***4567 (area code and
 *            the last 4 kept); anything else keeps at most its last 4 digits;
 *   e-mails  zhang.san@example.com → z***@example.com;
 *   names    张三 → 张*, 张三丰 → 张**, 欧阳修 → 欧阳*, 欧阳娜娜 → 欧阳**, Latin names: first letter.
 */

/** Two-character surnames (复姓) kept whole when masking a name. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '钟离', '申屠', '澹台', '太史', '闻人', '万俟', '赫连',
  '濮阳', '淳于', '单于', '公冶', '宗政', '仲孙', '公羊', '拓跋', '司空', '亓官', '司寇', '乐正', '第五',
]);

const MASK = '*';

function stars(n: number): string {
  return MASK.repeat(Math.max(1, n));
}

/** Masks a phone number: mobile 138****5678, landline keeps the area code and the last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const raw = phone.trim();
  if (raw === '') return '';
  const digits = raw.replace(/\D/g, '');
  // mobile, optionally with +86 / 86 in front: 3 + **** + 4
  const mobile = /^(?:86)?(1\d{10})$/.exec(digits);
  if (mobile?.[1]) {
    const m = mobile[1];
    return `${m.slice(0, 3)}****${m.slice(7)}`;
  }
  // landline written with its area code: 0991-1234567, (0991)1234567, 010 12345678, optional extension
  const landline = /^\(?(0\d{2,3})\)?[\s-]?(\d{7,8})(?:\s*(?:-|转|ext\.?)\s*\d{1,6})?$/i.exec(raw);
  if (landline?.[1] && landline[2]) {
    const local = landline[2];
    return `${landline[1]}-${stars(local.length - 4)}${local.slice(-4)}`;
  }
  // a local number without area code, 400/800 service numbers, foreign numbers: keep the last 4 digits only
  if (digits.length <= 4) return stars(digits.length);
  return `${stars(digits.length - 4)}${digits.slice(-4)}`;
}

/** Masks an e-mail address: the first character of the local part, then ***, then the domain. */
export function maskEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null;
  const raw = email.trim();
  if (raw === '') return '';
  const at = raw.lastIndexOf('@');
  if (at <= 0) return `${[...raw][0] ?? ''}***`;
  const local = raw.slice(0, at);
  return `${[...local][0] ?? ''}***${raw.slice(at)}`;
}

/** Masks a person's name: the surname stays (复姓 whole), each other character becomes *. */
export function maskPersonName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const raw = name.trim();
  if (raw === '') return '';
  const chars = [...raw];
  if (/^[\p{Script=Han}·]+$/u.test(raw)) {
    if (chars.length === 1) return raw;
    const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
    return `${chars.slice(0, keep).join('')}${stars(chars.length - keep)}`;
  }
  // Latin and other scripts (a foreign manager's name): the first letter, the rest hidden
  return `${chars[0] ?? ''}${stars(Math.min(chars.length - 1, 6))}`;
}

const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)\(?0\d{2,3}\)?[\s-]?\d{7,8}(?!\d)/g;
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/** Masks phone numbers and e-mail addresses written inside free text (a contact's notes). */
export function maskPersonalDataInText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m) ?? '')
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m) ?? '')
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m) ?? '');
}

/**
 * The masked forms (as maskPersonalDataInText shows them) of the phone numbers and e-mail
 * addresses inside a text that masking changes: what a page without the full text displays.
 */
export function listMaskedFragments(text: string | null | undefined): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const re of [EMAIL_IN_TEXT, MOBILE_IN_TEXT, LANDLINE_IN_TEXT]) {
    for (const m of text.matchAll(re)) {
      const masked = re === EMAIL_IN_TEXT ? maskEmail(m[0]) : maskPhone(m[0]);
      if (masked && masked !== m[0]) out.add(masked);
    }
  }
  return [...out];
}
