/**
 * 招商活动 (DESIGN.md glossary `activity`, "Import files, second half"): the stable keys stored and
 * their Chinese names (the names of the import format). Events (活动 of the statistics' `events`)
 * are 推介会/说明会/座谈会/峰会/展会/签约仪式; 网络招商 is its own type and no event.
 */
export const ACTIVITY_TYPES = ['trip', 'visit', 'reception', 'promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing', 'online'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  trip: '外出招商',
  visit: '上门拜访',
  reception: '接待来访',
  promotion: '推介会',
  presentation: '说明会',
  symposium: '座谈会',
  summit: '峰会',
  expo: '展会',
  signing: '签约仪式',
  online: '网络招商',
};

export const EVENT_TYPES: readonly ActivityType[] = ['promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing'];

export const ACTIVITY_HOSTINGS = ['organised', 'attended'] as const;
export type ActivityHosting = (typeof ACTIVITY_HOSTINGS)[number];
export const HOSTING_LABELS: Record<ActivityHosting, string> = { organised: '主办', attended: '参加' };

/** 领导级别, relative to the organising region: principal ⊂ leadership (a 党政主要领导 is one of the 四大班子). */
export const LEADER_LEVELS = ['principal', 'leadership', 'official', 'none'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];
export const LEADER_LEVEL_LABELS: Record<LeaderLevel, string> = { principal: '党政主要领导', leadership: '四大班子领导', official: '其他领导干部', none: '无' };

export const ORGANISATION_KINDS = ['enterprise', 'chamber', 'association', 'park', 'government', 'academic', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  enterprise: '企业',
  chamber: '商会',
  association: '协会',
  park: '园区',
  government: '政府部门',
  academic: '高校院所',
  other: '其他',
};

export const ACTIVITY_OUTCOMES = ['talks', 'intent', 'signed'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<ActivityOutcome, string> = { talks: '对接洽谈', intent: '意向', signed: '签约' };

/** A key, or its Chinese name, → the key; null when the text names none. */
export function parseLabelled<K extends string>(input: string, keys: readonly K[], labels: Record<K, string>): K | null {
  const s = input.trim();
  if ((keys as readonly string[]).includes(s)) return s as K;
  return keys.find((k) => labels[k] === s) ?? null;
}

/** 资料不全: facts an activity's type needs that are unknown (a gap, not an error: the record is kept and flagged). */
export const MISSING_FACTS = ['hosting', 'personTrips', 'leaderLevel', 'residentTeam'] as const;
export type MissingFact = (typeof MISSING_FACTS)[number];
export const MISSING_FACT_LABELS: Record<MissingFact, string> = { hosting: '主办或参加', personTrips: '参加人次', leaderLevel: '领导级别', residentTeam: '驻点小分队（未建档）' };

/**
 * An event without 主办或参加, a trip without 参加人次, a leader named without a level (null: not given),
 * a resident team named that no team record answers to (team given: its name and the record found).
 */
export function listMissingActivityFacts(a: {
  type: ActivityType;
  hosting: ActivityHosting | null;
  personTrips: number | null;
  leaderName: string | null;
  leaderLevel: LeaderLevel | null;
  team?: { name: string | null; id: string | null };
}): MissingFact[] {
  const missing: MissingFact[] = [];
  if (a.team && a.team.name !== null && a.team.id === null) missing.push('residentTeam');
  if (a.hosting === null && EVENT_TYPES.includes(a.type)) missing.push('hosting');
  if (a.personTrips === null && a.type === 'trip') missing.push('personTrips');
  if (a.leaderLevel === null && a.leaderName !== null) missing.push('leaderLevel');
  return missing;
}
