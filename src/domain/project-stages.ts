/**
 * Project stages (DESIGN.md glossary) and what each stage means, as one table of rules. Moving a
 * project forward checks every rule of every stage up to the target (a signed project must also
 * satisfy what negotiating meant); an ordinary edit checks only the rules whose fields changed, so
 * an old incomplete record can still be corrected. Each unmet rule names its field, so the project
 * page can show a checklist that links to the field.
 */
import { msg, type Message } from './messages/catalog';

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
  /** what the rule asks for (a catalog message: Chinese by default, English on request) */
  text: Message;
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
  { id: 'negotiating.investor', stage: 'negotiating', fields: ['investorName'], text: msg('stageRule.negotiating.investor'), isMet: (p) => present(p.investorName) },
  {
    id: 'negotiating.likelihood',
    stage: 'negotiating',
    onlyAtStage: true,
    fields: ['likelihood'],
    text: msg('stageRule.negotiating.likelihood'),
    isMet: (p) => p.likelihood !== null,
  },
  {
    id: 'negotiating.expectedLanding',
    stage: 'negotiating',
    onlyAtStage: true,
    fields: ['expectedLandingDate'],
    text: msg('stageRule.negotiating.expectedLanding'),
    isMet: (p) => present(p.expectedLandingDate),
  },
  { id: 'signed.date', stage: 'signed', fields: ['signedDate'], text: msg('stageRule.signed.date'), isMet: (p) => present(p.signedDate) },
  {
    id: 'signed.dateNotFuture',
    stage: 'signed',
    fields: ['signedDate'],
    text: msg('stageRule.signed.dateNotFuture'),
    always: true,
    isMet: (p, today) => !present(p.signedDate) || (p.signedDate as string) <= today,
  },
  {
    id: 'signed.amount',
    stage: 'signed',
    fields: ['signedAmountYuan'],
    text: msg('stageRule.signed.amount'),
    isMet: (p) => p.signedAmountYuan !== null && p.signedAmountYuan > 0n,
  },
  {
    id: 'started.date',
    stage: 'started',
    fields: ['startedDate'],
    text: msg('stageRule.started.date'),
    isMet: (p) => present(p.startedDate),
  },
  {
    id: 'started.afterSigning',
    stage: 'started',
    fields: ['startedDate', 'signedDate'],
    text: msg('stageRule.started.afterSigning'),
    always: true,
    isMet: (p) => !present(p.startedDate) || !present(p.signedDate) || (p.startedDate as string) >= (p.signedDate as string),
  },
  {
    id: 'started.notFuture',
    stage: 'started',
    fields: ['startedDate'],
    text: msg('stageRule.started.notFuture'),
    always: true,
    isMet: (p, today) => !present(p.startedDate) || (p.startedDate as string) <= today,
  },
  { id: 'operating.date', stage: 'operating', fields: ['operatingDate'], text: msg('stageRule.operating.date'), isMet: (p) => present(p.operatingDate) },
  {
    id: 'operating.afterStart',
    stage: 'operating',
    fields: ['operatingDate', 'startedDate'],
    text: msg('stageRule.operating.afterStart'),
    always: true,
    isMet: (p) => !present(p.operatingDate) || !present(p.startedDate) || (p.operatingDate as string) >= (p.startedDate as string),
  },
  {
    id: 'operating.notFuture',
    stage: 'operating',
    fields: ['operatingDate'],
    text: msg('stageRule.operating.notFuture'),
    always: true,
    isMet: (p, today) => !present(p.operatingDate) || (p.operatingDate as string) <= today,
  },
  {
    id: 'terminated.reason',
    stage: 'terminated',
    fields: ['terminationReason'],
    text: msg('stageRule.terminated.reason'),
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

/** The name of each fact, as the form and the import columns call it (Chinese: FACT_LABELS). */
export const FACT_NAMES: Record<FactField, Message> = {
  investorName: msg('fact.investorName'),
  likelihood: msg('fact.likelihood'),
  expectedLandingDate: msg('fact.expectedLandingDate'),
  signedDate: msg('fact.signedDate'),
  signedAmountYuan: msg('fact.signedAmountYuan'),
  agreedStartDate: msg('fact.agreedStartDate'),
  startedDate: msg('fact.startedDate'),
  operatingDate: msg('fact.operatingDate'),
  terminationReason: msg('fact.terminationReason'),
};

export const STAGE_NAMES: Record<ProjectStage, Message> = {
  lead: msg('stage.lead'),
  negotiating: msg('stage.negotiating'),
  signed: msg('stage.signed'),
  started: msg('stage.started'),
  operating: msg('stage.operating'),
  terminated: msg('stage.terminated'),
};

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

export type TransitionCheck = { ok: true } | { ok: false; text: Message; unmet: StageRule[] };

/**
 * May a project move from its stage to `target`? Forward moves (by one stage or more) need every
 * rule up to the target; terminating needs a reason; a terminated project does not move; a move
 * back is a correction and needs a note.
 */
export function checkTransition(p: ProjectFacts, target: ProjectStage, today: string, note?: string): TransitionCheck {
  if (p.stage === target) return { ok: false, text: msg('stage.alreadyAt', { stage: STAGE_NAMES[target] }), unmet: [] };
  if (p.stage === 'terminated') return { ok: false, text: msg('stage.terminatedFinal'), unmet: [] };
  const unmet = listUnmetRules(p, target, today);
  if (unmet.length > 0) {
    return { ok: false, text: msg('stage.moveMissing', { stage: STAGE_NAMES[target], missing: unmet.map((r) => r.text) }), unmet };
  }
  if (target !== 'terminated' && PIPELINE.indexOf(target) < PIPELINE.indexOf(p.stage) && !note?.trim()) {
    return { ok: false, text: msg('stage.moveBack', { from: STAGE_NAMES[p.stage], to: STAGE_NAMES[target] }), unmet: [] };
  }
  return { ok: true };
}

/** For an ordinary edit: the rules of the current stage that read a changed field and are now broken. */
export function listBrokenRulesForEdit(before: ProjectFacts, after: ProjectFacts, today: string): StageRule[] {
  const changed = (Object.keys(after) as (keyof ProjectFacts)[]).filter((k) => k !== 'stage' && after[k] !== before[k]) as FactField[];
  if (changed.length === 0) return [];
  return listRulesFor(after.stage).filter((r) => r.fields.some((f) => changed.includes(f)) && !r.isMet(after, today));
}
