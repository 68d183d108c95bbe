/**
 * Rollup parts (domain/activities/activity-rollup-parts.ts): ids survive packing (gaps of one to
 * four varint bytes, duplicates, any order), counts add across parts, distinct figures unite the id
 * sets, and each filter narrows the groups it names; principal counts as leadership.
 */
import { describe, expect, it } from 'vitest';
import {
  combineRollupParts,
  decodePartText,
  encodePartText,
  packRollupPart,
  type ActivityRollupGroup,
} from '../../src/domain/activities/activity-rollup-parts';

const EVENTS = ['promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing'];
const yuan = (signedAmountYuan: bigint, plannedInvestmentYuan: bigint) => ({ signedAmountYuan, plannedInvestmentYuan });
// 签约额 / 计划总投资 of projects 3, 11 and 13; 11's exceed what a float holds exactly
const AMOUNTS = new Map([
  [3, yuan(5n, 8n)],
  [11, yuan(9_007_199_254_740_993n, 20_000_000n)],
  [13, yuan(70_000_000n, 110_000_000n)],
]);
const none = { types: [], eventTypes: EVENTS, hosting: null, leaderLevels: [], team: null };

function group(over: Partial<ActivityRollupGroup>): ActivityRollupGroup {
  return {
    type: 'trip',
    hosting: '',
    leaderLevel: 'none',
    teamName: '',
    teamKey: '',
    activities: 1,
    personTrips: 0,
    organisationIds: [],
    projectIds: [],
    signedProjectIds: [],
    ...over,
  };
}

describe('activity rollup parts', () => {
  it('keeps every id through packing, small and large gaps, and counts duplicates once', () => {
    const big = [1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 2_147_483_647];
    const part = packRollupPart([group({ organisationIds: [...big].reverse(), projectIds: [5, 5, 3], signedProjectIds: [3] })], AMOUNTS);
    const f = combineRollupParts([part], none);
    expect(f.tripOrganisations).toBe(big.length);
    expect(f.talks).toBe(2);
    expect(f).toMatchObject({ signed: 1, signedAmountYuan: 5n, plannedInvestmentYuan: 8n });
    // a part keeps the amounts of its own signed projects only, and refuses to pack without them
    expect([...part.amounts.keys()]).toEqual([3]);
    expect(() => packRollupPart([group({ signedProjectIds: [4] })], AMOUNTS)).toThrow(/no amounts for signed project 4/);
    // one byte a gap below 128, five for the largest
    expect(packRollupPart([group({ organisationIds: [1, 2, 3] })]).ids).toEqual(Uint8Array.from([1, 1, 1]));
    expect(() => packRollupPart([group({ organisationIds: [0] })])).toThrow(/not a positive integer/);
  });

  it('round-trips the groups and amounts through their stored text, exactly', () => {
    const part = packRollupPart(
      [group({ type: 'visit', hosting: 'organised', leaderLevel: 'official', teamName: '杭州小分队', teamKey: 't:1', activities: 3, personTrips: 9, organisationIds: [4, 9], signedProjectIds: [11] })],
      AMOUNTS,
    );
    const back = decodePartText(encodePartText(part));
    expect(back.combos).toEqual(part.combos);
    expect(back.amounts.get(11)).toEqual(yuan(9_007_199_254_740_993n, 20_000_000n));
  });

  it('adds counts across parts, unites organisations and projects, and applies each filter', () => {
    const a = packRollupPart([
      group({ leaderLevel: 'principal', activities: 2, personTrips: 7, organisationIds: [1, 2], projectIds: [10], signedProjectIds: [] }),
      group({ type: 'visit', activities: 3, organisationIds: [2, 3], projectIds: [10, 11], signedProjectIds: [11] }),
      group({ type: 'expo', hosting: 'attended', activities: 1, teamName: '杭州小分队', teamKey: 't:9', projectIds: [12] }),
    ], AMOUNTS);
    const b = packRollupPart([
      group({ leaderLevel: 'leadership', activities: 1, personTrips: 4, organisationIds: [2, 5], projectIds: [11], signedProjectIds: [11] }),
      group({ leaderLevel: 'official', activities: 4, personTrips: 1, teamName: '杭州小分队', teamKey: 't:9', organisationIds: [6] }),
      group({ type: 'signing', hosting: 'organised', activities: 1, projectIds: [13], signedProjectIds: [13] }),
      group({ type: 'reception', activities: 2, organisationIds: [1] }),
    ], AMOUNTS);
    const all = combineRollupParts([a, b], none);
    expect(all).toMatchObject({
      trips: 7,
      personTrips: 12,
      ledByLeadership: 3,
      ledByPrincipal: 2,
      ledByAnyLeader: 7,
      // trips met 1, 2, 5, 6; visits 2, 3; receptions 1
      tripOrganisations: 4,
      visits: 3,
      visitOrganisations: 2,
      receptions: 2,
      receptionOrganisations: 1,
      eventsOrganised: 1,
      eventsAttended: 1,
      teams: 1,
      talks: 4,
      // 11 (signed in both parts) once, and 13
      signed: 2,
      signedAmountYuan: 9_007_199_324_740_993n,
      plannedInvestmentYuan: 130_000_000n,
    });

    const leadership = combineRollupParts([a, b], { ...none, leaderLevels: ['leadership', 'principal'] });
    expect(leadership).toMatchObject({ trips: 3, personTrips: 11, tripOrganisations: 3, visits: 0, talks: 2 });
    const team = combineRollupParts([a, b], { ...none, team: '杭州小分队' });
    expect(team).toMatchObject({ trips: 4, eventsAttended: 1, teams: 1, talks: 1, tripOrganisations: 1 });
    const organised = combineRollupParts([a, b], { ...none, hosting: 'organised' });
    expect(organised).toMatchObject({ trips: 0, eventsOrganised: 1, eventsAttended: 0, talks: 1, signed: 1, signedAmountYuan: 70_000_000n });
    const visits = combineRollupParts([a, b], { ...none, types: ['visit'] });
    expect(visits).toMatchObject({ trips: 0, visits: 3, visitOrganisations: 2, talks: 2, signed: 1, plannedInvestmentYuan: 20_000_000n });
  });
});
