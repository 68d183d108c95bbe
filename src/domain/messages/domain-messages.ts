/** Messages of the domain rules: credit codes, passwords, amounts, roles, statistical periods and the working-day calendar. */
import { defineMessages } from './define';

export const domainMessages = defineMessages({
  'creditCode.invalid': { zh: '统一社会信用代码“{input}”{what}', en: 'Unified social credit code “{input}”: {what}' },
  'creditCode.length': { zh: '应为 18 位，实际 {length} 位', en: 'must have 18 characters, has {length}' },
  'creditCode.charset': {
    zh: '第 {position} 位含有不允许的字符“{char}”（只用数字和大写字母，不使用 I、O、S、V、Z）',
    en: 'character {position} “{char}” is not allowed (digits and capital letters only, without I, O, S, V, Z)',
  },
  'creditCode.authority': {
    zh: '第 1 位（登记管理部门代码）“{char}”不存在，应为 1–9、A、N 或 Y（企业为 9）',
    en: 'character 1 (registration authority) “{char}” does not exist; it must be 1–9, A, N or Y (9 for enterprises)',
  },
  'creditCode.orgType': {
    zh: '第 2 位（机构类别代码）“{char}”不是{authority}部门登记的类别，应为 {allowed}',
    en: 'character 2 (organisation type) “{char}” is not a type the authority {authority} registers; it must be {allowed}',
  },
  'creditCode.region': {
    zh: '第 3–8 位（登记管理机关行政区划码）“{region}”应为 6 位数字',
    en: 'characters 3–8 (the registering authority’s division code) “{region}” must be 6 digits',
  },
  'creditCode.orgCheck': {
    zh: '第 17 位（组织机构代码的校验码，GB 11714）应为 {expected}，实际为 {actual}：请核对第 9–17 位的组织机构代码',
    en: 'character 17 (the organisation code check digit, GB 11714) must be {expected}, is {actual}: check the organisation code in characters 9–17',
  },
  'creditCode.finalCheck': { zh: '第 18 位（总校验码）应为 {expected}，实际为 {actual}', en: 'character 18 (the check character) must be {expected}, is {actual}' },

  'password.tooShort': { zh: '密码至少 {min} 位', en: 'The password needs at least {min} characters' },
  'password.tooLong': { zh: '密码不能超过 128 位', en: 'The password cannot exceed 128 characters' },
  'password.classes': {
    zh: '密码须包含小写字母、大写字母、数字、符号中的至少 {min} 类',
    en: 'The password needs at least {min} of: lower-case letters, capital letters, digits, symbols',
  },
  'password.containsUsername': { zh: '密码不能包含用户名', en: 'The password cannot contain the username' },
  'password.common': {
    zh: '密码过于常见（常用密码或其简单变形，如 a123456、woaini1314、Password@2026），请换一个',
    en: 'The password is too common (a common password or a simple variant, such as a123456, woaini1314, Password@2026); choose another',
  },

  'amount.tooManyDecimals': { zh: '金额“{input}”最多 4 位小数（万元精确到 1 元）', en: 'Amount “{input}” has more than 4 decimals (10k yuan to the yuan)' },
  'amount.notNumber': { zh: '金额“{input}”不是数字（单位：万元）', en: 'Amount “{input}” is not a number (unit: 10k yuan)' },
  'amount.negative': { zh: '金额“{input}”不能为负数', en: 'Amount “{input}” cannot be negative' },
  'amount.overMax': { zh: '金额“{input}”超过上限 1000000000 万元（10 万亿元）', en: 'Amount “{input}” is over the limit of 10,000,000,000,000 yuan' },

  'roles.unknown': { zh: '未知角色：{roles}', en: 'Unknown roles: {roles}' },
  'roles.duplicate': { zh: '角色重复', en: 'A role is given twice' },
  'roles.separation': { zh: '三权分立：一个账号不能同时担任{roles}', en: 'Separation of duties: one account cannot be {roles} at once' },
  'role.sysadmin': { zh: '系统管理员', en: 'System administrator' },
  'role.secadmin': { zh: '安全管理员', en: 'Security administrator' },
  'role.auditor': { zh: '审计管理员', en: 'Audit administrator' },
  'role.leader': { zh: '领导', en: 'Leader' },
  'role.officer': { zh: '招商专员', en: 'Investment officer' },
  'role.statistician': { zh: '统计员', en: 'Statistician' },
  'role.reviewer': { zh: '审核员', en: 'Reviewer' },
  'role.analyst': { zh: '产业研究员', en: 'Industry analyst' },

  'period.fromFormat': { zh: '起始月份“{month}”格式应为 YYYY-MM', en: 'Start month “{month}” must be YYYY-MM' },
  'period.toFormat': { zh: '截止月份“{month}”格式应为 YYYY-MM', en: 'End month “{month}” must be YYYY-MM' },
  'period.order': { zh: '起始月份不能晚于截止月份', en: 'The start month cannot be later than the end month' },

  'calendar.dateInvalid': { zh: '日期“{date}”格式不正确，应为 YYYY-MM-DD', en: 'Date “{date}” is invalid: use YYYY-MM-DD' },
  'calendar.noOverride': { zh: '{date} 没有补充安排', en: 'There is no calendar adjustment on {date}' },
  'font.missing': {
    zh: '未找到中文字体：请安装 fonts-noto-cjk（apt-get install -y fonts-noto-cjk）或设置 YINFENG_PDF_FONT 指向字体文件',
    en: 'No Chinese font found: install fonts-noto-cjk (apt-get install -y fonts-noto-cjk) or set YINFENG_PDF_FONT to a font file',
  },
  'font.missingBecause': { zh: '{missing}（{why}）', en: '{missing} ({why})' },
  'font.unreadable': { zh: '无法读取字体文件 {file}', en: 'the font file {file} cannot be read' },
  'font.unusable': { zh: '{file} 不是可用的字体文件', en: '{file} is not a usable font file' },
  'font.configuredMissing': { zh: 'YINFENG_PDF_FONT 指向的 {file} 不存在', en: '{file}, named by YINFENG_PDF_FONT, does not exist' },
  'font.notFontFile': { zh: '{file} 不是 .ttf/.otf/.ttc 字体文件', en: '{file} is not a .ttf/.otf/.ttc font file' },
  'font.faceMissing': { zh: '字体文件 {file} 中没有字形“{face}”（可用：{available}）', en: 'The font file {file} has no face “{face}” (available: {available})' },
});
