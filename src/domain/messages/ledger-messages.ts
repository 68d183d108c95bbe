/** Monthly returns (月报) and funds received (到位资金): locks, reviews and entries. */
import { defineMessages } from './define';

export const ledgerMessages = defineMessages({
  'returns.monthFormat': { zh: '月份“{month}”格式应为 YYYY-MM', en: 'Month “{month}” must be YYYY-MM' },
  'returns.monthFormatShort': { zh: '格式应为 YYYY-MM', en: 'Must be YYYY-MM' },
  'returns.parkNoReturn': {
    zh: '{region}是园区，园区的数据计入所在县区的月报，不单独报送',
    en: '{region} is a park: its figures count in its county’s return and are not reported separately',
  },
  'returns.parkNoReturnShort': { zh: '园区不单独报送月报', en: 'Parks do not report separately' },
  'returns.reviewerParent': {
    zh: '{region}的月报由上级（{parent}）审核员审核，您不能审核或重新开放',
    en: 'The return of {region} is reviewed by the reviewer of the level above ({parent}); you cannot review or reopen it',
  },
  'returns.reviewerOwn': { zh: '{region}的月报由本级审核员审核，您不能审核或重新开放', en: 'The return of {region} is reviewed at its own level; you cannot review or reopen it' },
  'returns.submitterOnly': {
    zh: '{region}的月报由本级统计员上报，您的所属地区不是{region}',
    en: 'The return of {region} is submitted by its own statisticians; your region is not {region}',
  },
  'returns.futureMonth': { zh: '不能上报未来月份（{month}）的月报', en: 'A return cannot be submitted for a future month ({month})' },
  'returns.futureMonthShort': { zh: '不能是未来月份', en: 'Cannot be a future month' },
  'returns.childrenPending': {
    zh: '{region} {month} 的月报须待下级月报全部审核通过后才能上报，尚未通过：{pending}',
    en: 'The {month} return of {region} can be submitted once all returns below it are approved; not yet approved: {pending}',
  },
  'returns.versionConflict': { zh: '该月报已被他人处理，请刷新后再试', en: 'Someone else handled this return; reload and try again' },
  'returns.reasonRequired': { zh: '请填写原因', en: 'Give a reason' },
  'returns.required': { zh: '必填', en: 'Required' },
  'returns.notSubmitted': { zh: '{region} {month} 的月报尚未上报', en: 'The {month} return of {region} has not been submitted' },
  'returns.ownSubmission': { zh: '上报人不能审核自己上报的月报', en: 'The submitter cannot review their own return' },
  'returns.locked': {
    zh: '{region} {month} 的月报已审核通过并锁定，如需更正请由{who}重新开放',
    en: 'The {month} return of {region} is approved and locked; to correct it, {who} must reopen it',
  },
  'returns.reopenerParent': { zh: '上级（{parent}）', en: 'the level above ({parent})' },
  'returns.reopenerOwn': { zh: '{region}审核员', en: 'the reviewer of {region}' },
  'returns.monthLocked': { zh: '该月已锁定', en: 'This month is locked' },
  'returns.regionMonthLocked': { zh: '{region} {month} 已锁定', en: '{region} {month} is locked' },

  'funds.futureMonth': { zh: '不能录入未来月份（{month}）的到位资金', en: 'Funds cannot be entered for a future month ({month})' },
  'funds.negative': {
    zh: '到位资金须为不小于 0 的整数元；更正请修改该月金额并说明原因',
    en: 'Funds received are whole yuan, not below 0; to correct, change that month’s amount and give a reason',
  },
  'funds.negativeShort': { zh: '不能为负数', en: 'Cannot be negative' },
  'funds.receiptNotFound': { zh: '到位资金记录不存在或不在您的管辖范围内', en: 'The receipt does not exist or is outside your jurisdiction' },
  'funds.monthTaken': {
    zh: '{month} 已有到位资金记录；如需更正，请修改该记录并说明原因',
    en: '{month} already has a receipt; to correct it, change that record and give a reason',
  },
  'funds.monthTakenShort': { zh: '该月已有记录', en: 'This month already has a record' },
  'funds.versionConflict': { zh: '该记录已被他人修改，请刷新后再试', en: 'Someone else changed this record; reload and try again' },
  'funds.alreadyVerified': { zh: '该记录已核实', en: 'This record is already verified' },
  'funds.ownEntry': {
    zh: '录入人不能核实自己录入的到位资金，请由另一位统计员核实',
    en: 'Whoever entered a receipt cannot verify it; another statistician must',
  },
  'funds.duplicateRow': { zh: '第 {row} 行：同一项目在一次保存中出现两次', en: 'Row {row}: the same project appears twice in one save' },
  'funds.duplicateShort': { zh: '重复', en: 'Duplicate' },
  'funds.projectNotInRegion': { zh: '项目不存在或不在该地区范围内', en: 'The project does not exist or is outside this region' },
  'funds.correctionReason': { zh: '更正已录入的到位资金须说明原因', en: 'Correcting entered funds needs a reason' },
  'locked.field.region': { zh: '所属地区', en: 'region' },
  'locked.field.source': { zh: '资金来源', en: 'source of funds' },
  'locked.field.signedDate': { zh: '签约日期', en: 'signing date' },
  'locked.field.signedYuan': { zh: '签约额', en: 'signed amount' },
  'locked.field.investor': { zh: '投资方', en: 'investor' },
  'locked.field.startedDate': { zh: '开工日期', en: 'start date' },
  'locked.field.terminated': { zh: '阶段（终止与否）', en: 'stage (terminated or not)' },
  'locked.reopenerParent': { zh: '上级（{parent}）审核员', en: 'the reviewer of the level above ({parent})' },
  'locked.reopenerOwn': { zh: '{region}审核员', en: 'the reviewer of {region}' },
  'locked.enterprise': { zh: '企业「{name}」', en: 'Enterprise “{name}”' },
  'locked.enterpriseCoded': { zh: '企业「{name}」（{code}）', en: 'Enterprise “{name}” ({code})' },
  'locked.investorIn': {
    zh: '{who}是项目 {code}「{project}」的投资方，该项目的签约计入{region} {month} 已审核锁定的月报；这一改动会使它计入“500强及央企投资项目”，改变已审核的数字，因此不能保存；如需更正请由{reopener}重新开放{region} {month} 的月报',
    en: '{who} is the investor of project {code} “{project}”, whose signing counts in the approved and locked {month} return of {region}; this change would make it count among “Top 500 and central state-owned enterprise investments”, changing approved figures, so it cannot be saved; to correct it, {reopener} must reopen the {month} return of {region}',
  },
  'locked.investorOut': {
    zh: '{who}是项目 {code}「{project}」的投资方，该项目的签约计入{region} {month} 已审核锁定的月报；这一改动会使它不再计入“500强及央企投资项目”，改变已审核的数字，因此不能保存；如需更正请由{reopener}重新开放{region} {month} 的月报',
    en: '{who} is the investor of project {code} “{project}”, whose signing counts in the approved and locked {month} return of {region}; this change would stop it counting among “Top 500 and central state-owned enterprise investments”, changing approved figures, so it cannot be saved; to correct it, {reopener} must reopen the {month} return of {region}',
  },
  'locked.rejected': { zh: '会改变已审核锁定的月报', en: 'Would change an approved and locked monthly return' },
  'locked.month': {
    zh: '{region} {month} 的月报已审核通过并锁定，如需更正请由{reopener}重新开放',
    en: 'The {month} return of {region} is approved and locked; to correct it, {reopener} must reopen it',
  },
  'locked.whatCreate': { zh: '新建该项目（其签约计入该月报）', en: 'create this project (its signing counts in that return)' },
  'locked.whatEdit': { zh: '修改{fields}', en: 'change the {fields}' },
  'locked.whatEditProject': { zh: '修改该项目', en: 'change this project' },
  'locked.project': {
    zh: '项目 {code}「{name}」计入{region} {month} 已审核锁定的月报，不能{what}：会改变已审核的数字；如需更正请由{reopener}重新开放{region} {month} 的月报',
    en: 'Project {code} “{name}” counts in the approved and locked {month} return of {region}; you cannot {what}: it would change approved figures; to correct it, {reopener} must reopen the {month} return of {region}',
  },
  'locked.receiptFilter': {
    zh: '{region} {month} 的月报已审核锁定，其中 {count} 笔到位资金按新设置会改变是否计入（未核实或缺少佐证），改动会改变已审核的数字，因此不能保存；请先补齐核实与佐证，或由{reopener}重新开放{region} {month} 的月报',
    en: 'The {month} return of {region} is approved and locked, and under the new setting {count} of its receipts would change whether they count (unverified or without evidence); that would change approved figures, so it cannot be saved; first complete the verification and evidence, or have {reopener} reopen the {month} return of {region}',
  },
  'locked.fundsImport': {
    zh: '{region} {month} 的月报已审核通过并锁定，不能导入项目 {code} 该月的到位资金；如需更正请由{reopener}重新开放',
    en: 'The {month} return of {region} is approved and locked; funds of project {code} for that month cannot be imported; to correct it, {reopener} must reopen it',
  },
});
