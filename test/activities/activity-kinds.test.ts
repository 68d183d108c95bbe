/** The keys of the contracts (which cannot import the domain) are those of domain/activities/activity-kinds.ts; labels parse back. */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPE_KEYS, HOSTING_KEYS, LEADER_LEVEL_KEYS, MISSING_FACT_KEYS, ORGANISATION_KIND_KEYS, OUTCOME_KEYS } from '../../src/contracts/activities';
import {
  ACTIVITY_HOSTINGS,
  ACTIVITY_OUTCOMES,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  LEADER_LEVEL_LABELS,
  LEADER_LEVELS,
  MISSING_FACTS,
  ORGANISATION_KINDS,
  parseLabelled,
} from '../../src/domain/activities/activity-kinds';

describe('activity keys', () => {
  it('are the same in the contracts and the domain', () => {
    expect([...ACTIVITY_TYPE_KEYS]).toEqual([...ACTIVITY_TYPES]);
    expect([...HOSTING_KEYS]).toEqual([...ACTIVITY_HOSTINGS]);
    expect([...LEADER_LEVEL_KEYS]).toEqual([...LEADER_LEVELS]);
    expect([...ORGANISATION_KIND_KEYS]).toEqual([...ORGANISATION_KINDS]);
    expect([...OUTCOME_KEYS]).toEqual([...ACTIVITY_OUTCOMES]);
    expect([...MISSING_FACT_KEYS]).toEqual([...MISSING_FACTS]);
  });

  it('parses the Chinese names of the import format and the keys, nothing else', () => {
    expect(ACTIVITY_TYPES.map((k) => parseLabelled(ACTIVITY_TYPE_LABELS[k], ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS))).toEqual([...ACTIVITY_TYPES]);
    expect(parseLabelled(' 签约仪式 ', ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS)).toBe('signing');
    expect(parseLabelled('principal', LEADER_LEVELS, LEADER_LEVEL_LABELS)).toBe('principal');
    expect(parseLabelled('四大班子领导', LEADER_LEVELS, LEADER_LEVEL_LABELS)).toBe('leadership');
    expect(parseLabelled('县长', LEADER_LEVELS, LEADER_LEVEL_LABELS)).toBeNull();
    expect(parseLabelled('', ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS)).toBeNull();
  });
});
