/**
 * The office that answers a region's inquiries and complaints, by the name the investor sees (never an
 * officer's name): the region's public contact office from 联系窗口 (region_contact_offices), else the nearest
 * one above it; a region without any keeps the generic name.
 */
import { selectAnsweringOfficeName } from '../../db/queries/inquiries/inquiries';
import type { Deps } from '../context';

function nameGenericOffice(regionName: string): string {
  return `${regionName}招商引资服务窗口`;
}

export async function findOfficeName(deps: Deps, regionCode: string, regionName: string): Promise<string> {
  return (await selectAnsweringOfficeName(deps.db, regionCode)) ?? nameGenericOffice(regionName);
}
