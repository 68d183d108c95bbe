/**
 * One enterprise: its page (profile with labels and field sources, contacts and projects of the
 * caller's scope, lists, near-duplicate candidates, timeline), hand edits with field history, and
 * creation by hand. The profile is installation-wide reference data (anyone with enterprises.read
 * sees it); what region scope protects on the page are contacts, projects and lists.
 */
import type { FieldSource } from '../../db/schema/enterprises';
import type { EnterpriseRow } from '../../db/queries/enterprises/enterprises';
import {
  insertEnterprise,
  insertFieldChanges,
  selectEnterpriseByCreditCode,
  selectEnterpriseByKey,
  selectInvestorProjects,
  selectRegionAndIndustryNames,
  selectTimeline,
  selectVisibleListsContaining,
  updateEnterpriseVersioned,
  type EnterpriseInsert,
  type EnterpriseSet,
  type FieldChangeInsert,
  type TimelineRow,
} from '../../db/queries/enterprises/enterprise-records';
import { selectEnterpriseContacts } from '../../db/queries/enterprises/enterprise-contacts';
import { flagNearDuplicateNames, selectPendingCandidatesOf } from '../../db/queries/enterprises/enterprise-duplicates';
import { selectIndustries, selectRegion } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { validateCreditCode } from '../../domain/credit-code';
import { todayInShanghai } from '../../domain/dates';
import { NAME_MATCH_LABELS, type NameMatch } from '../../domain/enterprise-names';
import { ENTERPRISE_STATUS_LABELS, isTopInvestor, REVENUE_BAND_LABELS, type EnterpriseStatus, type RevenueBand } from '../../domain/enterprise-status';
import { assertInvestorsUnlocked } from '../returns/locked-figures';
import { STAGE_LABELS, type ProjectStage } from '../../domain/project-stages';
import { buildEnterpriseSearchKeys, buildSearchWordsSql } from '../../search/enterprise-search-keys';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { toMaskedContactDto } from './enterprise-contacts';
import { checkTagsAllowed } from './enterprise-tags';
import { describeEnterpriseChainFit } from '../targets/enterprise-fit';

/** The source recorded for every field a person edits on the enterprise page. */
export const MANUAL_SOURCE = '手工维护';

const NOT_FOUND = (key: string) => msg('enterprise.notFound', { key });

/** Profile fields a person may set, with the label the timeline shows. */
export const ENTERPRISE_FIELD_LABELS = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  formerNames: '曾用名',
  regionCode: '注册地区',
  industryCode: '行业',
  registeredCapitalYuan: '注册资本',
  establishedOn: '成立日期',
  status: '经营状态',
  ticker: '股票代码',
  businessScope: '经营范围',
  mainProducts: '主要产品',
  tags: '标签',
  website: '网站',
  parentGroup: '所属集团',
  employees: '员工人数',
  revenueBand: '营收规模',
} as const;
export type EnterpriseField = keyof typeof ENTERPRISE_FIELD_LABELS;

export interface EnterpriseProfileInput {
  name?: string;
  formerNames?: string[];
  regionCode?: string | null;
  industryCode?: string | null;
  registeredCapitalYuan?: number | null;
  establishedOn?: string | null;
  status?: EnterpriseStatus | null;
  ticker?: string | null;
  businessScope?: string | null;
  mainProducts?: string | null;
  tags?: string[];
  website?: string | null;
  parentGroup?: string | null;
  employees?: number | null;
  revenueBand?: RevenueBand | null;
}
export type EnterpriseCreateInput = EnterpriseProfileInput & { creditCode: string; name: string };
export type EnterpriseEdit = EnterpriseProfileInput & { creditCode?: string; version: number };

function fail(field: string, message: string | Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

function toNumber(v: bigint | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`amount out of the safe integer range: ${v}`);
  return n;
}

/** The enterprise by credit code or id; 404 when there is none. */
export async function requireEnterprise(deps: Deps, key: string): Promise<EnterpriseRow> {
  const row = await selectEnterpriseByKey(deps.db, key.trim());
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND(key));
  return row;
}

export async function toEnterpriseDto(deps: Deps, e: EnterpriseRow) {
  const names = await selectRegionAndIndustryNames(deps.db, e.regionCode, e.industryCode);
  const status = e.status as EnterpriseStatus | null;
  const band = e.revenueBand as RevenueBand | null;
  return {
    id: e.id,
    key: e.creditCode ?? e.id,
    creditCode: e.creditCode,
    name: e.name,
    formerNames: e.formerNames,
    regionCode: e.regionCode,
    regionName: names.regionName,
    industryCode: e.industryCode,
    industryName: names.industryName,
    registeredCapitalYuan: toNumber(e.registeredCapitalYuan),
    establishedOn: e.establishedOn,
    status,
    statusLabel: status ? (ENTERPRISE_STATUS_LABELS[status] ?? status) : null,
    ticker: e.ticker,
    businessScope: e.businessScope,
    mainProducts: e.mainProducts,
    tags: e.tags,
    website: e.website,
    parentGroup: e.parentGroup,
    employees: e.employees,
    revenueBand: band,
    revenueBandLabel: band ? (REVENUE_BAND_LABELS[band] ?? band) : null,
    fieldSources: e.fieldSources,
    contactRegionCodes: e.contactRegionCodes,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

// ---------------------------------------------------------------- the page

function formatValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.length === 0 ? '（空）' : v.join('、');
  if (field === 'registeredCapitalYuan') return `${Number(v) / 10_000} 万元`;
  if (field === 'status') return ENTERPRISE_STATUS_LABELS[v as EnterpriseStatus] ?? String(v);
  if (field === 'revenueBand') return REVENUE_BAND_LABELS[v as RevenueBand] ?? String(v);
  const text = String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function toTimelineDto(r: TimelineRow) {
  const base = { kind: r.kind, at: r.at.toISOString(), actorName: r.actorName, source: r.source, sourceDate: r.sourceDate, importId: r.importId, importFileName: r.importFileName };
  const byImport = r.importFileName ? `（导入文件“${r.importFileName}”）` : r.importId ? '（导入）' : '';
  switch (r.kind) {
    case 'created':
      return { ...base, field: null, projectId: null, contactId: null, oldValue: null, newValue: null, text: `新建企业${byImport}` };
    case 'fieldChange': {
      const label = ENTERPRISE_FIELD_LABELS[r.ref as EnterpriseField] ?? r.ref;
      return { ...base, field: r.ref, projectId: null, contactId: null, oldValue: r.oldValue, newValue: r.newValue, text: `${label}：${formatValue(r.ref, r.oldValue)} → ${formatValue(r.ref, r.newValue)}${byImport}` };
    }
    case 'projectCreated':
      return { ...base, field: null, projectId: r.ref, contactId: null, oldValue: null, newValue: null, text: `${r.detail ?? ''}新建项目 ${r.label ?? ''}` };
    case 'projectStage': {
      const from = STAGE_LABELS[r.oldValue as ProjectStage] ?? String(r.oldValue);
      const to = STAGE_LABELS[r.newValue as ProjectStage] ?? String(r.newValue);
      return { ...base, field: null, projectId: r.ref, contactId: null, oldValue: r.oldValue, newValue: r.newValue, text: `项目 ${r.label ?? ''}：${from} → ${to}${r.detail ? `（${r.detail}）` : ''}` };
    }
    case 'contactAdded':
      return { ...base, field: null, projectId: null, contactId: r.ref, oldValue: null, newValue: null, text: `${r.label ?? ''}新增联系人${r.detail ? `（${r.detail}）` : ''}` };
  }
}

/**
 * A page of the timeline that never ends inside a millisecond: the next page asks for items before
 * the last one's time (ISO, millisecond precision), so items sharing the first excluded item's
 * millisecond move to the next page; a page that would be empty takes that whole millisecond.
 */
async function cutTimelinePage(deps: Deps, enterpriseId: string, scope: string, rows: TimelineRow[], limit: number): Promise<TimelineRow[]> {
  const extra = rows[limit];
  if (!extra) return rows;
  const ms = extra.at.getTime();
  const page = rows.slice(0, limit).filter((r) => r.at.getTime() !== ms);
  if (page.length > 0) return page;
  const group = await selectTimeline(deps.db, enterpriseId, scope, 1000, new Date(ms + 1));
  return group.filter((r) => r.at.getTime() === ms);
}

export interface EnterpriseDetailOptions {
  timelineLimit?: number;
  /** ISO timestamp: timeline items before it (the next page) */
  timelineBefore?: string;
}

export async function getEnterpriseDetail(deps: Deps, caller: Caller, key: string, opts: EnterpriseDetailOptions = {}) {
  const e = await requireEnterprise(deps, key);
  const scope = caller.actor.regionPath;
  const limit = Math.min(Math.max(opts.timelineLimit ?? 50, 1), 200);
  const before = opts.timelineBefore ? new Date(opts.timelineBefore) : undefined;
  if (before && Number.isNaN(before.getTime())) fail('timelineBefore', msg('enterprise.timeInvalid', { value: opts.timelineBefore ?? '' }));
  const [dto, contacts, projects, lists, duplicates, timeline, chainFit] = await Promise.all([
    toEnterpriseDto(deps, e),
    selectEnterpriseContacts(deps.db, e.id, scope),
    selectInvestorProjects(deps.db, e.id, scope, 200),
    selectVisibleListsContaining(deps.db, e.id, caller.actor.id, scope),
    selectPendingCandidatesOf(deps.db, e.id),
    selectTimeline(deps.db, e.id, scope, limit + 1, before),
    describeEnterpriseChainFit(deps, caller, e),
  ]);
  const page = await cutTimelinePage(deps, e.id, scope, timeline, limit);
  return {
    ...dto,
    contacts: contacts.map(toMaskedContactDto),
    projects: projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      stage: p.stage,
      regionCode: p.regionCode,
      regionName: p.regionName,
      signedAmountYuan: toNumber(p.signedAmountYuan),
      signedDate: p.signedDate,
    })),
    lists: lists.map((l) => ({ id: l.id, name: l.name, shared: l.shared, ownerName: l.ownerName, addedAt: l.addedAt.toISOString() })),
    duplicateCandidates: duplicates.map((d) => {
      const other = d.candidate.enterpriseId === e.id ? { id: d.candidate.candidateId, name: d.codedName, creditCode: d.codedCreditCode } : { id: d.candidate.enterpriseId, name: d.uncodedName, creditCode: d.uncodedCreditCode };
      return {
        id: d.candidate.id,
        otherId: other.id,
        otherName: other.name,
        otherCreditCode: other.creditCode,
        similarity: d.candidate.similarity,
        reason: d.candidate.reason,
        reasonLabel: NAME_MATCH_LABELS[d.candidate.reason as NameMatch['reason']] ?? d.candidate.reason,
      };
    }),
    timeline: page.map(toTimelineDto),
    timelineHasMore: timeline.length > limit,
    /** 招商活动 (visits, receptions…) arrive with the activities capability; null until then */
    activities: null,
    chainNodes: chainFit,
  };
}

// ---------------------------------------------------------------- edits

const TICKER = /^[0-9A-Z]{1,10}(\.[A-Z]{1,4})?$/;

function cleanText(v: string | null | undefined, field: EnterpriseField, max: number): string | null {
  const t = v?.trim() || null;
  if (t !== null && t.length > max) fail(field, msg('enterprise.textTooLong', { label: msg(`enterprise.field.${field}`), max }));
  return t;
}

function cleanWebsite(v: string | null | undefined): string | null {
  const t = v?.trim() || null;
  if (t === null) return null;
  const withScheme = /^https?:\/\//i.test(t) ? t : `https://${t}`;
  try {
    const url = new URL(withScheme);
    if (!url.hostname.includes('.')) throw new Error('no dot');
    return withScheme;
  } catch {
    return fail('website', msg('enterprise.websiteInvalid', { value: t }));
  }
}

/** Normalises and checks the fields present in the input; returns column values. */
async function cleanProfile(deps: Deps, input: EnterpriseProfileInput, current: EnterpriseRow | null): Promise<Partial<EnterpriseInsert>> {
  const out: Partial<EnterpriseInsert> = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200) fail('name', msg('enterprise.nameLength'));
    out.name = name;
  }
  if (input.formerNames !== undefined) {
    const name = out.name ?? current?.name ?? '';
    const list = [...new Set(input.formerNames.map((n) => n.trim()).filter((n) => n.length > 0 && n !== name))];
    if (list.some((n) => n.length > 200)) fail('formerNames', msg('enterprise.formerNameTooLong'));
    out.formerNames = list;
  }
  if (input.regionCode !== undefined) {
    if (input.regionCode !== null && !(await selectRegion(deps.db, input.regionCode))) fail('regionCode', msg('enterprise.regionUnknown', { code: input.regionCode }));
    out.regionCode = input.regionCode;
  }
  if (input.industryCode !== undefined) {
    if (input.industryCode !== null && !(await selectIndustries(deps.db)).some((i) => i.code === input.industryCode)) {
      fail('industryCode', msg('project.industryUnknown', { code: input.industryCode }));
    }
    out.industryCode = input.industryCode;
  }
  if (input.registeredCapitalYuan !== undefined) {
    const v = input.registeredCapitalYuan;
    if (v !== null && (!Number.isSafeInteger(v) || v < 0)) fail('registeredCapitalYuan', msg('enterprise.capitalInvalid'));
    out.registeredCapitalYuan = v === null ? null : BigInt(v);
  }
  if (input.establishedOn !== undefined) {
    if (input.establishedOn !== null && input.establishedOn > todayInShanghai()) fail('establishedOn', msg('enterprise.establishedFuture', { date: input.establishedOn }));
    out.establishedOn = input.establishedOn;
  }
  if (input.status !== undefined) out.status = input.status;
  if (input.ticker !== undefined) {
    const t = input.ticker?.trim().toUpperCase() || null;
    if (t !== null && !TICKER.test(t)) fail('ticker', msg('enterprise.tickerInvalid', { value: t }));
    out.ticker = t;
  }
  if (input.businessScope !== undefined) out.businessScope = cleanText(input.businessScope, 'businessScope', 5000);
  if (input.mainProducts !== undefined) out.mainProducts = cleanText(input.mainProducts, 'mainProducts', 1000);
  if (input.tags !== undefined) {
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    await checkTagsAllowed(deps, tags, current?.tags ?? []);
    out.tags = tags;
  }
  if (input.website !== undefined) out.website = cleanWebsite(input.website);
  if (input.parentGroup !== undefined) out.parentGroup = cleanText(input.parentGroup, 'parentGroup', 200);
  if (input.employees !== undefined) {
    if (input.employees !== null && (!Number.isSafeInteger(input.employees) || input.employees < 0)) fail('employees', msg('enterprise.employeesInvalid'));
    out.employees = input.employees;
  }
  if (input.revenueBand !== undefined) out.revenueBand = input.revenueBand;
  return out;
}

/** A JSON-safe value for history and audit (bigint as a number of yuan). */
function jsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v ?? null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b));
}

/** Search keys when a name, former name, scope or product text changes. */
export function searchKeysPatch(e: { name: string; formerNames: string[]; businessScope: string | null; mainProducts: string | null }) {
  const keys = buildEnterpriseSearchKeys(e);
  return { searchNames: keys.searchNames, searchPinyin: keys.searchPinyin, searchWords: buildSearchWordsSql(keys.nameWords, keys.otherWords) };
}

export async function updateEnterprise(deps: Deps, caller: Caller, key: string, edit: EnterpriseEdit) {
  const current = await requireEnterprise(deps, key);
  const patch = await cleanProfile(deps, edit, current);
  if (edit.creditCode !== undefined) {
    const check = validateCreditCode(edit.creditCode);
    if (!check.ok) fail('creditCode', check.text ?? msg('project.creditCodeInvalid'));
    if (current.creditCode && current.creditCode !== check.code) fail('creditCode', msg('enterprise.creditCodeFixed', { code: current.creditCode }));
    if (!current.creditCode) {
      const holder = await selectEnterpriseByCreditCode(deps.db, check.code);
      if (holder) throw new AppError('CONFLICT', msg('enterprise.creditCodeHeld', { code: check.code, name: holder.name }), [{ field: 'creditCode', message: msg('enterprise.inUse') }]);
      patch.creditCode = check.code;
    }
  }
  const changed = (Object.keys(patch) as EnterpriseField[]).filter((f) => !sameValue(patch[f], current[f]));
  if (changed.length === 0) {
    if (edit.version !== current.version) throw new AppError('VERSION_CONFLICT', msg('enterprise.versionConflict'));
    return toEnterpriseDto(deps, current);
  }
  const today = todayInShanghai();
  const fieldSources: Record<string, FieldSource> = { ...current.fieldSources };
  for (const f of changed) fieldSources[f] = { source: MANUAL_SOURCE, date: today };
  const write: EnterpriseSet = { fieldSources };
  for (const f of changed) (write as Record<string, unknown>)[f] = patch[f];
  if (changed.some((f) => f === 'name' || f === 'formerNames' || f === 'businessScope' || f === 'mainProducts')) {
    Object.assign(
      write,
      searchKeysPatch({
        name: patch.name ?? current.name,
        formerNames: patch.formerNames ?? current.formerNames,
        businessScope: patch.businessScope !== undefined ? patch.businessScope : current.businessScope,
        mainProducts: patch.mainProducts !== undefined ? patch.mainProducts : current.mainProducts,
      }),
    );
  }
  const saved = await deps.db.transaction(async (tx) => {
    // the same rule as every project change: not what an approved (locked) month counts
    if (patch.tags !== undefined && changed.includes('tags')) {
      await assertInvestorsUnlocked(tx, [{ key: 0, enterpriseId: current.id, oldTop: isTopInvestor(current.tags), newTop: isTopInvestor(patch.tags) }]);
    }
    const row = await updateEnterpriseVersioned(tx, current.id, edit.version, write);
    if (!row) throw new AppError('VERSION_CONFLICT', msg('enterprise.versionConflict'));
    const history: FieldChangeInsert[] = changed.map((f) => ({
      enterpriseId: current.id,
      field: f,
      oldValue: jsonValue(current[f]),
      newValue: jsonValue(patch[f]),
      source: MANUAL_SOURCE,
      sourceDate: today,
      changedBy: caller.actor.id,
    }));
    await insertFieldChanges(tx, history);
    // new names, or a new code, may make (or resolve) a near-duplicate
    if (changed.some((f) => f === 'name' || f === 'formerNames' || f === 'creditCode')) {
      await flagNearDuplicateNames(tx, row.creditCode ? { codedIds: [row.id] } : { enterpriseIds: [row.id] });
    }
    await recordAudit(tx, caller, {
      action: 'enterprise.update',
      objectType: 'enterprise',
      objectId: current.id,
      before: Object.fromEntries(changed.map((f) => [f, jsonValue(current[f])])),
      after: Object.fromEntries(changed.map((f) => [f, jsonValue(patch[f])])),
    });
    return row;
  });
  return toEnterpriseDto(deps, saved);
}

export async function createEnterprise(deps: Deps, caller: Caller, input: EnterpriseCreateInput) {
  const check = validateCreditCode(input.creditCode);
  if (!check.ok) fail('creditCode', check.text ?? msg('project.creditCodeInvalid'));
  const existing = await selectEnterpriseByCreditCode(deps.db, check.code);
  if (existing) throw new AppError('CONFLICT', msg('enterprise.exists', { code: check.code, name: existing.name }), [{ field: 'creditCode', message: msg('enterprise.existsShort') }]);
  const values = await cleanProfile(deps, input, null);
  const today = todayInShanghai();
  const fields = (Object.keys(values) as EnterpriseField[]).filter((f) => values[f] !== null && !(Array.isArray(values[f]) && (values[f] as unknown[]).length === 0));
  const fieldSources: Record<string, FieldSource> = { creditCode: { source: MANUAL_SOURCE, date: today } };
  for (const f of fields) fieldSources[f] = { source: MANUAL_SOURCE, date: today };
  const name = values.name ?? input.name.trim();
  const row = await deps.db.transaction(async (tx) => {
    let created: EnterpriseRow;
    try {
      created = await insertEnterprise(tx, {
        ...values,
        name,
        creditCode: check.code,
        fieldSources,
        ...searchKeysPatch({ name, formerNames: values.formerNames ?? [], businessScope: values.businessScope ?? null, mainProducts: values.mainProducts ?? null }),
      });
    } catch (err) {
      // a concurrent creation of the same code
      if (/enterprises_credit_code_idx|duplicate key/.test(String((err as Error).message))) throw new AppError('CONFLICT', msg('enterprise.existsConcurrent', { code: check.code }));
      throw err;
    }
    await insertFieldChanges(
      tx,
      ['creditCode', ...fields].map((f) => ({
        enterpriseId: created.id,
        field: f,
        oldValue: null,
        newValue: f === 'creditCode' ? check.code : jsonValue(values[f as EnterpriseField]),
        source: MANUAL_SOURCE,
        sourceDate: today,
        changedBy: caller.actor.id,
      })),
    );
    await flagNearDuplicateNames(tx, { codedIds: [created.id] });
    await recordAudit(tx, caller, {
      action: 'enterprise.create',
      objectType: 'enterprise',
      objectId: created.id,
      after: { creditCode: check.code, ...Object.fromEntries(fields.map((f) => [f, jsonValue(values[f])])) },
    });
    return created;
  });
  return toEnterpriseDto(deps, row);
}
