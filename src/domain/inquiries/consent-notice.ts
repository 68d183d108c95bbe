/**
 * The personal information notice (个人信息处理告知, PIPL art. 17) shown beside the inquiry and complaint
 * forms. A filing must accept the current version; a new text gets a new version, so the stored
 * version says which text the investor accepted.
 */
export const CONSENT_NOTICE_VERSION = '2026-12';

export const CONSENT_NOTICE_TEXT = [
  '为办理您的咨询或投诉，我们将收集您填写的姓名、单位、手机号码、电子邮箱及咨询投诉内容。',
  '处理者：受理地区的招商引资服务窗口（投资促进机构）。用途：仅用于受理、答复、回访和统计本件咨询投诉，不用于其他目的，不向第三方提供（法律法规另有规定的除外）。',
  '保存期限：办结后三年，期满删除或匿名化。工作人员查看您的完整联系方式须经授权并留痕。',
  '您可以凭查询码查看办理进度；如需查阅、更正或删除个人信息，可联系受理窗口。不同意本告知将无法在线提交，您可以改用电话或现场方式咨询。',
].join('\n');
