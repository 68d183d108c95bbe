/** The Chinese names of the notification kinds (the digest's lines; the web has its own catalog). */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  redLight: '项目红灯',
  problemOverdue: '问题逾期',
  problemEscalated: '问题逾期升级',
  serviceItemOverdue: '帮办代办逾期',
  serviceItemEscalated: '帮办代办逾期升级',
  followUpDue: '回访即将到期',
  followUpOverdue: '回访逾期',
  returnDue: '月报即将到期',
  returnLate: '月报逾期',
  returnToReview: '月报待审核',
  tripReportDue: '外出招商报告即将到期',
  tripReportOverdue: '外出招商报告逾期',
  inquiryOverdue: '咨询投诉逾期',
  inquiryEscalated: '咨询投诉逾期升级',
  digest: '每日汇总',
};
