/**
 * Project stages (DESIGN.md glossary) and what each stage means, as one table of rules. Moving a
 * project forward checks every rule of every stage up to the target (a signed project must also
 * satisfy what negotiating meant); an ordinary edit checks only the rules whose fields changed, so
 * an old incomplete record can still be corrected. Each unmet rule names its field, so the project
 * page can show a checklist that links to the field.
 */
export const PIPELINE = ['lead', 'negotiating', 'signed', 'started', 'operating'] as const;
export type PipelineStage = (typeof PIPELINE)[number];
export type ProjectStage = PipelineStage | 'terminated';

export const STAGE_LABELS: Record<ProjectStage, string> = {
  lead: '线索',
  negotiating: '在谈',
  signed: '签约',
  started: '开工',
  operating: '投产',
  terminated: '终止',
};

export type Likelihood = 'high' | 'medium' | 'low';

/** The facts of a project the stage rules read. Amounts are integer yuan; null means unknown, never zero. */
export interface ProjectFacts {
  stage: ProjectStage;
  investorName: string | null;
  likelihood: Likelihood | null;
  expectedLandingDate: string | null;
  signedDate: string | null;
  signedAmountYuan: bigint | null;
  agreedStartDate: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  terminationReason: string | null;
}

export type FactField = Exclude<keyof ProjectFacts, 'stage'>;

export interface StageRule {
  id: string;
  stage: ProjectStage;
  /** the fields the rule reads; the first one is where the checklist links to */
  fields: FactField[];
  message: string;
  /** true: the rule concerns this stage alone (a signed project no longer needs a likelihood to land) */
  onlyAtStage?: boolean;
  /**
   * true: a consistency rule (a date against the calendar or another date). It applies at every
   * stage, in the form and in imports alike: a value given must not contradict itself or the
   * calendar. The other rules are presence rules: a fact the stage needs.
   */
  always?: boolean;
  isMet(p: ProjectFacts, today: string): boolean;
}

const present = (v: string | null) => v !== null && v.trim() !== '';

export const STAGE_RULES: readonly StageRule[] = [
  { id: 'negotiating.investor', stage: 'negotiating', fields: ['investorName'], message: '在谈项目须填写投资方', isMet: (p) => present(p.investorName) },
  {
    id: 'negotiating.likelihood',
    stage: 'negotiating',
    onlyAtStage: true,
    fields: ['likelihood'],
    message: '在谈项目须评估落地可能性（高/中/低）',
    isMet: (p) => p.likelihood !== null,
  },
  {
    id: 'negotiating.expectedLanding',
    stage: 'negotiating',
    onlyAtStage: true,
    fields: ['expectedLandingDate'],
    message: '在谈项目须填写预计落地日期',
    isMet: (p) => present(p.expectedLandingDate),
  },
  { id: 'signed.date', stage: 'signed', fields: ['signedDate'], message: '签约项目须填写签约日期', isMet: (p) => present(p.signedDate) },
  {
    id: 'signed.dateNotFuture',
    stage: 'signed',
    fields: ['signedDate'],
    message: '签约日期不能晚于今天',
    always: true,
    isMet: (p, today) => !present(p.signedDate) || (p.signedDate as string) <= today,
  },
  {
    id: 'signed.amount',
    stage: 'signed',
    fields: ['signedAmountYuan'],
    message: '签约项目须填写签约额（大于 0）',
    isMet: (p) => p.signedAmountYuan !== null && p.signedAmountYuan > 0n,
  },
  {
    id: 'started.date',
    stage: 'started',
    fields: ['startedDate'],
    message: '开工项目须填写开工日期',
    isMet: (p) => present(p.startedDate),
  },
  {
    id: 'started.afterSigning',
    stage: 'started',
    fields: ['startedDate', 'signedDate'],
    message: '开工日期不能早于签约日期',
    always: true,
    isMet: (p) => !present(p.startedDate) || !present(p.signedDate) || (p.startedDate as string) >= (p.signedDate as string),
  },
  {
    id: 'started.notFuture',
    stage: 'started',
    fields: ['startedDate'],
    message: '开工日期不能晚于今天',
    always: true,
    isMet: (p, today) => !present(p.startedDate) || (p.startedDate as string) <= today,
  },
  { id: 'operating.date', stage: 'operating', fields: ['operatingDate'], message: '投产项目须填写投产日期', isMet: (p) => present(p.operatingDate) },
  {
    id: 'operating.afterStart',
    stage: 'operating',
    fields: ['operatingDate', 'startedDate'],
    message: '投产日期不能早于开工日期',
    always: true,
    isMet: (p) => !present(p.operatingDate) || !present(p.startedDate) || (p.operatingDate as string) >= (p.startedDate as string),
  },
  {
    id: 'operating.notFuture',
    stage: 'operating',
    fields: ['operatingDate'],
    message: '投产日期不能晚于今天',
    always: true,
    isMet: (p, today) => !present(p.operatingDate) || (p.operatingDate as string) <= today,
  },
  {
    id: 'terminated.reason',
    stage: 'terminated',
    fields: ['terminationReason'],
    message: '终止项目须说明终止原因',
    isMet: (p) => present(p.terminationReason),
  },
];

/** The stages whose rules apply to a project in `stage`: the pipeline up to it (terminated: its own rule only). */
export function listApplicableStages(stage: ProjectStage): ProjectStage[] {
  if (stage === 'terminated') return ['terminated'];
  return PIPELINE.slice(0, PIPELINE.indexOf(stage) + 1);
}

/**
 * The rules a project in `stage` must meet: those of its stage and the stages before it, less the
 * stage-only ones of earlier stages, plus the consistency rules (`always`) of every stage.
 */
export function listRulesFor(stage: ProjectStage): StageRule[] {
  const stages = new Set(listApplicableStages(stage));
  return STAGE_RULES.filter((r) => r.always || (stages.has(r.stage) && (!r.onlyAtStage || r.stage === stage)));
}

/**
 * The consistency rules a project's dates break (a date in the future, 开工 before 签约, 投产
 * before 开工), whatever its stage. The one check of dates that the form (create, PATCH, stage
 * moves, through listRulesFor) and the imports share: a broken one is an error, never a gap.
 */
export function listDateContradictions(p: ProjectFacts, today: string): StageRule[] {
  return STAGE_RULES.filter((r) => r.always && !r.isMet(p, today));
}

/** The Chinese name of each fact, as the form and the import columns call it. */
export const FACT_LABELS: Record<FactField, string> = {
  investorName: '投资方',
  likelihood: '落地可能性',
  expectedLandingDate: '预计落地日期',
  signedDate: '签约日期',
  signedAmountYuan: '签约额',
  agreedStartDate: '约定开工日期',
  startedDate: '开工日期',
  operatingDate: '投产日期',
  terminationReason: '终止原因',
};

/**
 * 资料不全: the facts a project's stage needs that are unknown (an old 续建 project in 开工 imported
 * from a bureau's ledger without its signing date). Derived from the project as it is, so the flag
 * goes away as soon as the fact is filled, by whichever writer. The presence rules of the stage and
 * the stages before it count; a negotiation's assessment (likelihood, expected landing) and a
 * terminated project's record do not (nobody completes those from a ledger).
 */
export function listMissingFacts(p: ProjectFacts): FactField[] {
  if (p.stage === 'terminated') return [];
  const fields: FactField[] = [];
  for (const r of listRulesFor(p.stage)) {
    if (r.always || r.onlyAtStage) continue;
    const field = r.fields[0];
    if (field && !r.isMet(p, '9999-12-31') && !fields.includes(field)) fields.push(field);
  }
  return fields;
}

/** Every rule a project in `target` must meet that it does not: the checklist of what is still needed. */
export function listUnmetRules(p: ProjectFacts, target: ProjectStage, today: string): StageRule[] {
  return listRulesFor(target).filter((r) => !r.isMet({ ...p, stage: target }, today));
}

export type TransitionCheck = { ok: true } | { ok: false; message: string; unmet: StageRule[] };

/**
 * May a project move from its stage to `target`? Forward moves (by one stage or more) need every
 * rule up to the target; terminating needs a reason; a terminated project does not move; a move
 * back is a correction and needs a note.
 */
export function checkTransition(p: ProjectFacts, target: ProjectStage, today: string, note?: string): TransitionCheck {
  if (p.stage === target) return { ok: false, message: `项目已处于“${STAGE_LABELS[target]}”阶段`, unmet: [] };
  if (p.stage === 'terminated') return { ok: false, message: '已终止的项目不能再变更阶段', unmet: [] };
  const unmet = listUnmetRules(p, target, today);
  if (unmet.length > 0) {
    return { ok: false, message: `转入“${STAGE_LABELS[target]}”还缺：${unmet.map((r) => r.message).join('；')}`, unmet };
  }
  if (target !== 'terminated' && PIPELINE.indexOf(target) < PIPELINE.indexOf(p.stage) && !note?.trim()) {
    return { ok: false, message: `从“${STAGE_LABELS[p.stage]}”退回“${STAGE_LABELS[target]}”属于更正，须填写说明`, unmet: [] };
  }
  return { ok: true };
}

/** For an ordinary edit: the rules of the current stage that read a changed field and are now broken. */
export function listBrokenRulesForEdit(before: ProjectFacts, after: ProjectFacts, today: string): StageRule[] {
  const changed = (Object.keys(after) as (keyof ProjectFacts)[]).filter((k) => k !== 'stage' && after[k] !== before[k]) as FactField[];
  if (changed.length === 0) return [];
  return listRulesFor(after.stage).filter((r) => r.fields.some((f) => changed.includes(f)) && !r.isMet(after, today));
}
