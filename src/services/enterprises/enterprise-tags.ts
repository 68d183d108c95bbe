/**
 * Enterprise tags: the built-in DESIGN.md list plus tags a system administrator adds. A tag still
 * carried by enterprises cannot be deleted (409 naming how many): removing it silently from
 * thousands of records would be a mass change without per-record history, and keeping it on them
 * while it is gone from the list would make every later edit of those records fail validation.
 */
import { countEnterprisesByTag, deleteTagDefinition, insertTagDefinition, selectTagDefinition, selectTagDefinitions } from '../../db/queries/enterprises/enterprise-tags';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { BUILT_IN_TAGS } from '../../domain/enterprise-status';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

export interface EnterpriseTagDto {
  name: string;
  builtIn: boolean;
  description: string | null;
  enterpriseCount: number;
  createdByName: string | null;
  createdAt: string | null;
}

export async function listEnterpriseTags(deps: Deps): Promise<EnterpriseTagDto[]> {
  const defined = await selectTagDefinitions(deps.db);
  const names = [...BUILT_IN_TAGS, ...defined.map((d) => d.name)];
  const counts = await countEnterprisesByTag(deps.db, names);
  return [
    ...BUILT_IN_TAGS.map((name) => ({ name, builtIn: true, description: null, enterpriseCount: counts.get(name) ?? 0, createdByName: null, createdAt: null })),
    ...defined.map((d) => ({
      name: d.name,
      builtIn: false,
      description: d.description,
      enterpriseCount: counts.get(d.name) ?? 0,
      createdByName: d.createdByName,
      createdAt: d.createdAt.toISOString(),
    })),
  ];
}

/** Every tag an enterprise may be given. */
export async function selectAllowedTagNames(deps: Deps): Promise<Set<string>> {
  const defined = await selectTagDefinitions(deps.db);
  return new Set<string>([...BUILT_IN_TAGS, ...defined.map((d) => d.name)]);
}

/** Rejects tags being added that are not in the list (tags an enterprise already carries may stay). */
export async function checkTagsAllowed(deps: Deps, tags: readonly string[], already: readonly string[] = []): Promise<void> {
  const added = tags.filter((t) => !already.includes(t));
  if (added.length === 0) return;
  const allowed = await selectAllowedTagNames(deps);
  const unknown = added.filter((t) => !allowed.has(t));
  if (unknown.length > 0) {
    const message = msg('tag.unknown', { tags: `“${unknown.join('”“')}”` });
    throw new AppError('VALIDATION', message, [{ field: 'tags', message }]);
  }
}

const TAG_NAME = /^[^\s;；、,，|]{1,20}$/u;

export async function createEnterpriseTag(deps: Deps, caller: Caller, input: { name: string; description?: string | null }): Promise<EnterpriseTagDto> {
  const name = input.name.trim();
  if (!TAG_NAME.test(name)) {
    throw new AppError('VALIDATION', msg('tag.nameInvalid', { name }), [{ field: 'name', message: msg('tag.nameInvalidShort') }]);
  }
  if ((BUILT_IN_TAGS as readonly string[]).includes(name)) throw new AppError('CONFLICT', msg('tag.builtInAdd', { name }), [{ field: 'name', message: msg('tag.builtInShort') }]);
  const description = input.description?.trim() || null;
  return deps.db.transaction(async (tx) => {
    const row = await insertTagDefinition(tx, { name, description, createdBy: caller.actor.id });
    if (!row) throw new AppError('CONFLICT', msg('tag.exists', { name }), [{ field: 'name', message: msg('enterprise.existsShort') }]);
    await recordAudit(tx, caller, { action: 'enterprise-tag.create', objectType: 'enterprise-tag', objectId: name, after: { name, description } });
    return { name, builtIn: false, description, enterpriseCount: 0, createdByName: caller.actor.displayName, createdAt: row.createdAt.toISOString() };
  });
}

export async function deleteEnterpriseTag(deps: Deps, caller: Caller, name: string): Promise<void> {
  if ((BUILT_IN_TAGS as readonly string[]).includes(name)) throw new AppError('CONFLICT', msg('tag.builtInDelete', { name }));
  await deps.db.transaction(async (tx) => {
    const row = await selectTagDefinition(tx, name);
    if (!row) throw new AppError('NOT_FOUND', msg('tag.notFound', { name }));
    const inUse = (await countEnterprisesByTag(tx, [name])).get(name) ?? 0;
    if (inUse > 0) throw new AppError('CONFLICT', msg('tag.inUse', { count: inUse, name }));
    await deleteTagDefinition(tx, name);
    await recordAudit(tx, caller, { action: 'enterprise-tag.delete', objectType: 'enterprise-tag', objectId: name, before: { name: row.name, description: row.description } });
  });
}
