/**
 * Activity statistics from rollup parts (issue 13 item 11). A part holds one organising region's
 * activities of one month, grouped by the columns the filters narrow on (type, hosting, leader
 * level, resident team): per group the number of activities and 人次, and the dense ids of the
 * organisations met and the projects named (and signed) there. Counts add across parts; the
 * distinct figures (organisations met on trips, visits and receptions; projects talked about and
 * signed; active resident teams) unite the id sets, so an organisation or project met in several
 * regions or months counts once, exactly as the direct statement (db/queries/activities/
 * activity-stats.ts) counts it.
 */

/** One group of a part: the activities sharing type, hosting, leader level and resident team. */
export interface ActivityRollupCombo {
  /** activity type key */
  t: string;
  /** hosting key, '' when not recorded */
  h: string;
  /** leader level key */
  l: string;
  /** resident team name ('' none), used by the team filter */
  tn: string;
  /** resident team identity ('t:' record id or 'n:' name; '' none), counted by residentTeams.active */
  tk: string;
  /** activities and their 人次 */
  n: number;
  pt: number;
  /** [byte offset, number of ids] in the part's ids of the organisations met (trips, visits and receptions only) */
  o: [number, number];
  /** … of the projects named (any outcome) */
  p: [number, number];
  /** … of the projects signed */
  s: [number, number];
}

export interface ActivityRollupPart {
  combos: ActivityRollupCombo[];
  /** the combos' id lists one after another, each as varint gaps (packRollupPart) */
  ids: Uint8Array;
  /** 签约额 and 计划总投资 of the part's signed projects by dense id, as they were when the part was computed */
  amounts: ReadonlyMap<number, ProjectAmounts>;
}

export interface ProjectAmounts {
  signedAmountYuan: bigint;
  plannedInvestmentYuan: bigint;
}

type ComboRow = [string, string, string, string, string, number, number, number, number, number, number, number, number];
type AmountRow = [number, string, string];

/**
 * A part's groups and amounts as stored: JSON of arrays (text, cheap to read back; jsonb objects
 * cost a tenth of a second for a province's year), amounts as decimal strings (exact).
 */
export function encodePartText(part: Pick<ActivityRollupPart, 'combos' | 'amounts'>): string {
  const c = part.combos.map((x): ComboRow => [x.t, x.h, x.l, x.tn, x.tk, x.n, x.pt, x.o[0], x.o[1], x.p[0], x.p[1], x.s[0], x.s[1]]);
  const a = [...part.amounts].map(([id, m]): AmountRow => [id, String(m.signedAmountYuan), String(m.plannedInvestmentYuan)]);
  return JSON.stringify({ c, a });
}

export function decodePartText(text: string): Pick<ActivityRollupPart, 'combos' | 'amounts'> {
  const { c, a } = JSON.parse(text) as { c: ComboRow[]; a: AmountRow[] };
  return {
    combos: c.map(([t, h, l, tn, tk, n, pt, o0, o1, p0, p1, s0, s1]) => ({ t, h, l, tn, tk, n, pt, o: [o0, o1], p: [p0, p1], s: [s0, s1] })),
    amounts: new Map(a.map(([id, signed, planned]) => [id, { signedAmountYuan: BigInt(signed), plannedInvestmentYuan: BigInt(planned) }])),
  };
}

/** A group as computed from the activities, before packing. */
export interface ActivityRollupGroup {
  type: string;
  hosting: string;
  leaderLevel: string;
  teamName: string;
  teamKey: string;
  activities: number;
  personTrips: number;
  organisationIds: readonly number[];
  projectIds: readonly number[];
  signedProjectIds: readonly number[];
}

export interface ActivityRollupFilter {
  /** empty: every type */
  types: readonly string[];
  eventTypes: readonly string[];
  hosting: string | null;
  /** empty: every level */
  leaderLevels: readonly string[];
  team: string | null;
}

export interface ActivityRollupFigures {
  trips: number;
  personTrips: number;
  ledByLeadership: number;
  ledByPrincipal: number;
  ledByAnyLeader: number;
  tripOrganisations: number;
  visits: number;
  visitOrganisations: number;
  receptions: number;
  receptionOrganisations: number;
  eventsOrganised: number;
  eventsAttended: number;
  teams: number;
  talks: number;
  signed: number;
  signedAmountYuan: bigint;
  plannedInvestmentYuan: bigint;
}

/**
 * Packs a part's groups. Each id list is sorted and written as the gaps between successive ids in
 * LEB128 varints (an id list of a province's year shrinks from 4 bytes an id to about 1.5, which is
 * what a summary reads and decodes); a combo keeps the byte offset and the number of ids of each list.
 */
export function packRollupPart(groups: readonly ActivityRollupGroup[], amounts: ReadonlyMap<number, ProjectAmounts> = new Map()): ActivityRollupPart {
  const bytes: number[] = [];
  const put = (list: readonly number[]): [number, number] => {
    const start = bytes.length;
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    let previous = 0;
    for (const id of sorted) {
      if (!Number.isInteger(id) || id < 1) throw new Error(`rollup id ${id} is not a positive integer`);
      let gap = id - previous;
      previous = id;
      while (gap >= 0x80) {
        bytes.push((gap & 0x7f) | 0x80);
        gap = Math.floor(gap / 0x80);
      }
      bytes.push(gap);
    }
    return [start, sorted.length];
  };
  const combos = groups.map((g) => ({
    t: g.type,
    h: g.hosting,
    l: g.leaderLevel,
    tn: g.teamName,
    tk: g.teamKey,
    n: g.activities,
    pt: g.personTrips,
    o: put(g.organisationIds),
    p: put(g.projectIds),
    s: put(g.signedProjectIds),
  }));
  const signed = new Set(groups.flatMap((g) => g.signedProjectIds));
  const own = new Map<number, ProjectAmounts>();
  for (const id of signed) {
    const m = amounts.get(id);
    if (!m) throw new Error(`rollup part: no amounts for signed project ${id}`);
    own.set(id, m);
  }
  return { combos, ids: Uint8Array.from(bytes), amounts: own };
}

function matchesFilter(c: ActivityRollupCombo, f: ActivityRollupFilter): boolean {
  if (f.types.length > 0 && !f.types.includes(c.t)) return false;
  if (f.hosting !== null && c.h !== f.hosting) return false;
  if (f.leaderLevels.length > 0 && !f.leaderLevels.includes(c.l)) return false;
  if (f.team !== null && c.tn !== f.team) return false;
  return true;
}

/** A set of dense ids that grows as ids arrive and counts each id once. */
class IdSet {
  private seen = new Uint8Array(1024);
  size = 0;

  /** true when `id` is new to the set */
  add(id: number): boolean {
    if (id >= this.seen.length) {
      let length = this.seen.length;
      while (length <= id) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      this.size += 1;
      return true;
    }
    return false;
  }
}

/** Adds the `count` ids written from byte `offset` of the part's ids (packRollupPart); `onNew` sees each id new to the set. */
function addIds(set: IdSet, ids: Uint8Array, [offset, count]: [number, number], onNew?: (id: number) => void): void {
  let at = offset;
  let id = 0;
  for (let n = 0; n < count; n += 1) {
    let gap = 0;
    let scale = 1;
    let byte = ids[at++] ?? 0;
    while (byte >= 0x80) {
      gap += (byte & 0x7f) * scale;
      scale *= 0x80;
      byte = ids[at++] ?? 0;
    }
    id += gap + byte * scale;
    if (set.add(id) && onNew) onNew(id);
  }
}

/** The figures of the activities in `parts` that pass the filter. */
export function combineRollupParts(parts: Iterable<ActivityRollupPart>, f: ActivityRollupFilter): ActivityRollupFigures {
  const out = {
    trips: 0,
    personTrips: 0,
    ledByLeadership: 0,
    ledByPrincipal: 0,
    ledByAnyLeader: 0,
    visits: 0,
    receptions: 0,
    eventsOrganised: 0,
    eventsAttended: 0,
  };
  const orgs = { trip: new IdSet(), visit: new IdSet(), reception: new IdSet() };
  const talks = new IdSet();
  const signed = new IdSet();
  let signedAmountYuan = 0n;
  let plannedInvestmentYuan = 0n;
  const teams = new Set<string>();
  for (const part of parts) {
    const addAmounts = (id: number) => {
      const m = part.amounts.get(id);
      if (!m) throw new Error(`rollup part without the amounts of signed project ${id}`);
      signedAmountYuan += m.signedAmountYuan;
      plannedInvestmentYuan += m.plannedInvestmentYuan;
    };
    for (const c of part.combos) {
      if (!matchesFilter(c, f)) continue;
      if (c.t === 'trip') {
        out.trips += c.n;
        out.personTrips += c.pt;
        if (c.l === 'principal' || c.l === 'leadership') out.ledByLeadership += c.n;
        if (c.l === 'principal') out.ledByPrincipal += c.n;
        if (c.l !== 'none') out.ledByAnyLeader += c.n;
      } else if (c.t === 'visit') out.visits += c.n;
      else if (c.t === 'reception') out.receptions += c.n;
      if (f.eventTypes.includes(c.t)) {
        if (c.h === 'organised') out.eventsOrganised += c.n;
        if (c.h === 'attended') out.eventsAttended += c.n;
      }
      if (c.t === 'trip' || c.t === 'visit' || c.t === 'reception') addIds(orgs[c.t], part.ids, c.o);
      if (c.tk !== '') teams.add(c.tk);
      addIds(talks, part.ids, c.p);
      addIds(signed, part.ids, c.s, addAmounts);
    }
  }
  return {
    ...out,
    tripOrganisations: orgs.trip.size,
    visitOrganisations: orgs.visit.size,
    receptionOrganisations: orgs.reception.size,
    teams: teams.size,
    talks: talks.size,
    signed: signed.size,
    signedAmountYuan,
    plannedInvestmentYuan,
  };
}
