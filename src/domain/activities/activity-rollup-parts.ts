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
  /** [offset, length] in the part's ids of the organisations met (trips, visits and receptions only) */
  o: [number, number];
  /** … of the projects named (any outcome) */
  p: [number, number];
  /** … of the projects signed */
  s: [number, number];
}

export interface ActivityRollupPart {
  combos: ActivityRollupCombo[];
  /** the combos' id lists one after another, 32-bit big-endian */
  ids: Uint8Array;
}

type ComboRow = [string, string, string, string, string, number, number, number, number, number, number, number, number];

/** A part's combos as stored: JSON arrays of 13 values each (text, cheap to read back; jsonb objects cost a tenth of a second a year). */
export function encodeCombos(combos: readonly ActivityRollupCombo[]): string {
  return JSON.stringify(combos.map((c): ComboRow => [c.t, c.h, c.l, c.tn, c.tk, c.n, c.pt, c.o[0], c.o[1], c.p[0], c.p[1], c.s[0], c.s[1]]));
}

export function decodeCombos(text: string): ActivityRollupCombo[] {
  return (JSON.parse(text) as ComboRow[]).map(([t, h, l, tn, tk, n, pt, o0, o1, p0, p1, s0, s1]) => ({ t, h, l, tn, tk, n, pt, o: [o0, o1], p: [p0, p1], s: [s0, s1] }));
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
  /** the dense ids of the signed projects (their amounts are read from the projects) */
  signedProjectIds: number[];
}

/** Packs a part's groups: the id lists go one after another into one byte array. */
export function packRollupPart(groups: readonly ActivityRollupGroup[]): ActivityRollupPart {
  const total = groups.reduce((n, g) => n + g.organisationIds.length + g.projectIds.length + g.signedProjectIds.length, 0);
  const ids = new Uint8Array(total * 4);
  const view = new DataView(ids.buffer);
  let at = 0;
  const put = (list: readonly number[]): [number, number] => {
    const start = at;
    for (const id of list) {
      view.setInt32(at * 4, id, false);
      at += 1;
    }
    return [start, list.length];
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
  return { combos, ids };
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
  readonly members: number[] = [];

  constructor(private readonly keepMembers: boolean) {}

  add(id: number): void {
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
      if (this.keepMembers) this.members.push(id);
    }
  }
}

function addIds(set: IdSet, part: ActivityRollupPart, [offset, length]: [number, number]): void {
  if (length === 0) return;
  const view = new DataView(part.ids.buffer, part.ids.byteOffset, part.ids.byteLength);
  for (let i = offset; i < offset + length; i += 1) set.add(view.getInt32(i * 4, false));
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
  const orgs = { trip: new IdSet(false), visit: new IdSet(false), reception: new IdSet(false) };
  const talks = new IdSet(false);
  const signed = new IdSet(true);
  const teams = new Set<string>();
  for (const part of parts) {
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
      if (c.t === 'trip' || c.t === 'visit' || c.t === 'reception') addIds(orgs[c.t], part, c.o);
      if (c.tk !== '') teams.add(c.tk);
      addIds(talks, part, c.p);
      addIds(signed, part, c.s);
    }
  }
  return {
    ...out,
    tripOrganisations: orgs.trip.size,
    visitOrganisations: orgs.visit.size,
    receptionOrganisations: orgs.reception.size,
    teams: teams.size,
    talks: talks.size,
    signedProjectIds: signed.members,
  };
}
