/**
 * The rows of the activity ledger files (DESIGN.md "Import files, second half"): 招商活动 (kind
 * `activities`), 活动对象 (`activity-organisations`), 活动项目 (`activity-projects`). Checked here,
 * without the database: required cells, formats, the Chinese names of types, levels and outcomes,
 * dates (the end not before the start, neither after today), person-trips ≥ 0, credit codes. A row
 * leaving something unknown (an event without 主办或参加, a trip without 参加人次, a leader without
 * a level) is a gap, listed, not an error. The service checks what needs the database.
 */
import {
  ACTIVITY_HOSTINGS,
  ACTIVITY_OUTCOMES,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  HOSTING_LABELS,
  listMissingActivityFacts,
  MISSING_FACT_LABELS,
  LEADER_LEVEL_LABELS,
  LEADER_LEVELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  OUTCOME_LABELS,
  parseLabelled,
  type ActivityHosting,
  type ActivityOutcome,
  type ActivityType,
  type LeaderLevel,
  type MissingFact,
  type OrganisationKind,
} from '../../domain/activities/activity-kinds';
import { validateCreditCode } from '../../domain/credit-code';
import { msg, type Message } from '../../domain/messages/catalog';
import { textOf } from '../problem-text';
import { parseDate, parseRegionCode } from '../row-validate';

export interface ActivityFileRow {
  rowNumber: number;
  /** cells keyed by canonical header (columns.ts COLUMNS.activity …) */
  cells: Record<string, string>;
}

export interface ActivityRowProblem {
  row: number;
  column: string;
  value: string;
  reason: Message;
}

export interface ParsedActivity {
  row: number;
  code: string;
  type: ActivityType;
  name: string;
  startDate: string;
  endDate: string;
  regionCode: string;
  hosting: ActivityHosting | null;
  leaderName: string | null;
  leaderLevel: LeaderLevel;
  personTrips: number | null;
  destinations: string | null;
  residentTeam: string | null;
  /** the team record the name resolves to (set when the import writes; null until then or when none answers) */
  teamId: string | null;
  notes: string | null;
  /** 资料不全: the facts the row leaves unknown that its type needs */
  missingFacts: MissingFact[];
  /** the same as the columns' Chinese names */
  missing: string[];
}

export interface ParsedOrganisation {
  row: number;
  activityCode: string;
  name: string;
  creditCode: string | null;
  kind: OrganisationKind;
}

export interface ParsedProjectLink {
  row: number;
  activityCode: string;
  projectCode: string;
  outcome: ActivityOutcome;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const allowed = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => labels[k]).join('、');

class RowReader {
  ok = true;
  constructor(
    private readonly row: ActivityFileRow,
    private readonly problems: ActivityRowProblem[],
  ) {}

  problem(column: string, value: string, reason: Message): void {
    this.ok = false;
    this.problems.push({ row: this.row.rowNumber, column, value, reason });
  }

  cell(column: string): string {
    return (this.row.cells[column] ?? '').trim();
  }

  text(column: string, required: boolean, max: number): string | null {
    const value = this.cell(column).replace(/\s+/g, ' ');
    if (value === '') {
      if (required) this.problem(column, '', msg('import.cellEmpty', { column }));
      return null;
    }
    if ([...value].length > max) {
      this.problem(column, `${value.slice(0, 50)}…`, msg('import.cellTooLong', { column, max }));
      return null;
    }
    return value;
  }

  code(column: string): string | null {
    const value = this.text(column, true, 64);
    if (value === null) return null;
    if (!CODE_PATTERN.test(value)) {
      this.problem(column, value, msg('activity.codeFormat', { code: value }));
      return null;
    }
    return value;
  }

  labelled<K extends string>(column: string, keys: readonly K[], labels: Record<K, string>, invalid: (input: string) => Message, required: boolean): K | null {
    const value = this.cell(column);
    if (value === '') {
      if (required) this.problem(column, '', msg('import.cellEmpty', { column }));
      return null;
    }
    const key = parseLabelled(value, keys, labels);
    if (!key) this.problem(column, value, invalid(value));
    return key;
  }

  date(column: string, today: string): string | null {
    const value = this.cell(column);
    if (value === '') {
      this.problem(column, '', msg('import.cellEmpty', { column }));
      return null;
    }
    const parsed = parseDate(value);
    if (!parsed.ok) {
      this.problem(column, value, textOf(parsed));
      return null;
    }
    if (parsed.value > today) {
      this.problem(column, value, msg('activity.dateFuture', { column, date: parsed.value, today }));
      return null;
    }
    return parsed.value;
  }
}

export function parseActivityRow(row: ActivityFileRow, today: string, problems: ActivityRowProblem[]): ParsedActivity | null {
  const r = new RowReader(row, problems);
  const code = r.code('活动编号');
  const type = r.labelled('活动类型', ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, (input) => msg('activity.typeInvalid', { input, allowed: allowed(ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS) }), true);
  const name = r.text('活动名称', true, 200);
  const startDate = r.date('开始日期', today);
  const endDate = r.date('结束日期', today);
  if (startDate && endDate && endDate < startDate) r.problem('结束日期', endDate, msg('activity.endBeforeStart', { start: startDate, end: endDate }));
  const regionCell = r.cell('地区代码');
  let regionCode: string | null = null;
  if (regionCell === '') r.problem('地区代码', '', msg('import.cellEmpty', { column: '地区代码' }));
  else {
    const parsed = parseRegionCode(regionCell);
    if (parsed.ok) regionCode = parsed.value;
    else r.problem('地区代码', regionCell, textOf(parsed));
  }
  const hosting = r.labelled('主办或参加', ACTIVITY_HOSTINGS, HOSTING_LABELS, (input) => msg('activity.hostingInvalid', { input }), false);
  const leaderName = r.text('带队领导', false, 100);
  const leaderLevel = r.labelled('领导级别', LEADER_LEVELS, LEADER_LEVEL_LABELS, (input) => msg('activity.leaderLevelInvalid', { input, allowed: allowed(LEADER_LEVELS, LEADER_LEVEL_LABELS) }), false);
  const tripsCell = r.cell('参加人次').replace(/[,，]/g, '');
  let personTrips: number | null = null;
  if (tripsCell !== '') {
    if (/^\d{1,6}$/.test(tripsCell)) personTrips = Number(tripsCell);
    else r.problem('参加人次', tripsCell, msg('activity.personTripsInvalid', { input: tripsCell }));
  }
  const destinations = r.text('目的地', false, 500);
  const residentTeam = r.text('驻点小分队', false, 100);
  const notes = r.text('备注', false, 4000);
  if (!r.ok || !code || !type || !name || !startDate || !endDate || !regionCode) return null;
  const missingFacts = listMissingActivityFacts({ type, hosting, personTrips, leaderName, leaderLevel });
  return {
    row: row.rowNumber,
    code,
    type,
    name,
    startDate,
    endDate,
    regionCode,
    hosting,
    leaderName,
    leaderLevel: leaderLevel ?? 'none',
    personTrips,
    destinations,
    residentTeam,
    teamId: null,
    notes,
    missingFacts,
    missing: missingFacts.map((f) => MISSING_FACT_LABELS[f]),
  };
}

export function parseOrganisationRow(row: ActivityFileRow, problems: ActivityRowProblem[]): ParsedOrganisation | null {
  const r = new RowReader(row, problems);
  const activityCode = r.code('活动编号');
  const name = r.text('单位名称', true, 200);
  const creditCell = r.cell('统一社会信用代码');
  let creditCode: string | null = null;
  if (creditCell !== '') {
    const checked = validateCreditCode(creditCell);
    if (checked.ok) creditCode = checked.code;
    else r.problem('统一社会信用代码', creditCell, checked.text ?? msg('activity.creditCodeInvalid', { code: creditCell, reason: checked.message ?? '' }));
  }
  const kind = r.labelled('单位类型', ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, (input) => msg('activity.organisationKindInvalid', { input, allowed: allowed(ORGANISATION_KINDS, ORGANISATION_KIND_LABELS) }), true);
  if (!r.ok || !activityCode || !name || !kind) return null;
  return { row: row.rowNumber, activityCode, name, creditCode, kind };
}

export function parseProjectLinkRow(row: ActivityFileRow, problems: ActivityRowProblem[]): ParsedProjectLink | null {
  const r = new RowReader(row, problems);
  const activityCode = r.code('活动编号');
  const projectCode = r.text('项目编号', true, 64);
  const outcome = r.labelled('成果', ACTIVITY_OUTCOMES, OUTCOME_LABELS, (input) => msg('activity.outcomeInvalid', { input, allowed: allowed(ACTIVITY_OUTCOMES, OUTCOME_LABELS) }), true);
  if (!r.ok || !activityCode || !projectCode || !outcome) return null;
  return { row: row.rowNumber, activityCode, projectCode, outcome };
}
