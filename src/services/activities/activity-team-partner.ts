/**
 * The resident team and the partner an activity names: by record (teamId, partnerId) — it must be
 * of the organising region, above it or below it — or, for the team, by name (the import's 驻点小分队
 * column and the form's free text): the name resolves to a team on the region's line when one
 * answers to it; when none does, the name is kept and the activity is flagged 资料不全.
 */
import { selectPartner, selectTeam, selectTeamsByNames } from '../../db/queries/activities/teams-partners';
import { AppError } from '../../domain/app-error';
import { isOnRegionLine, pickOnRegionLine } from '../../domain/activities/team-resolution';
import { msg, type Message } from '../../domain/messages/catalog';
import type { Db } from '../../db/client';

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

/** teamId wins over the name; the result's residentTeam is the team's name when a record is found. */
export async function resolveActivityTeam(db: Db, regionPath: string, input: { teamId?: string | null; residentTeam?: string | null }): Promise<{ teamId: string | null; residentTeam: string | null }> {
  if (input.teamId) {
    const team = await selectTeam(db, input.teamId);
    if (!team) fail('teamId', msg('team.notFound'));
    if (!isOnRegionLine(team.regionPath, regionPath)) fail('teamId', msg('team.notOnLine', { name: team.name, region: team.regionName }));
    return { teamId: team.id, residentTeam: team.name };
  }
  const name = input.residentTeam?.trim() || null;
  if (!name) return { teamId: null, residentTeam: null };
  const found = pickOnRegionLine(await selectTeamsByNames(db, [name]), regionPath, name);
  return { teamId: found?.id ?? null, residentTeam: name };
}

/** The partner an activity (or a project: field broughtByPartnerId) of the region at `regionPath` names. */
export async function resolveActivityPartner(db: Db, regionPath: string, partnerId: string | null | undefined, field = 'partnerId'): Promise<{ partnerId: string | null }> {
  if (!partnerId) return { partnerId: null };
  const partner = await selectPartner(db, partnerId);
  if (!partner) fail(field, msg('partner.notFound'));
  if (!isOnRegionLine(partner.regionPath, regionPath)) fail(field, msg('partner.notOnLine', { name: partner.name, region: partner.regionName }));
  return { partnerId: partner.id };
}
