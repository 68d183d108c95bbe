/**
 * Objects for the authorization matrix's enterprise search rows: saved searches and lists owned by
 * the calling role's own account (for changes, which only the owner may make), shared by another
 * user of the own county (for reads), or shared by a user of the sibling county (invisible: 404).
 */
import type { Role } from '../../src/domain/roles';
import { resolveSession } from '../../src/services/accounts/auth';
import type { Caller } from '../../src/services/context';
import { createEnterpriseList, createSavedSearch } from '../../src/services/enterprises/enterprise-lists';
import type { TestApp } from '../helpers/app';

interface MatrixFixture {
  t: TestApp;
  cookies: Map<Role, string>;
  unique(prefix: string): string;
}

const OWN = '650109';
const SIBLING = '650102';

async function callerFromCookie(t: TestApp, cookie: string): Promise<Caller> {
  const session = await resolveSession(t.deps, cookie.replace(/^yinfeng_session=/, ''));
  if (!session) throw new Error('no session for the matrix cookie');
  return { actor: session.actor, clientIp: null, requestId: null };
}

const others = new WeakMap<MatrixFixture, Map<string, Promise<Caller>>>();

/** A second officer of a county (one per fixture and county), to own shared objects. */
function otherOfficer(f: MatrixFixture, region: string): Promise<Caller> {
  let byRegion = others.get(f);
  if (!byRegion) {
    byRegion = new Map();
    others.set(f, byRegion);
  }
  let caller = byRegion.get(region);
  if (!caller) {
    const username = f.unique(`list_owner_${region}`);
    caller = f.t
      .createAccount(username, ['officer'], region)
      .then(() => f.t.login(username))
      .then((cookie) => callerFromCookie(f.t, cookie));
    byRegion.set(region, caller);
  }
  return caller;
}

/**
 * The owner for a case: `mine` — the calling role's own account (own target) — else another officer
 * of the own county; the sibling target always a sibling-county officer.
 */
async function ownerFor(f: MatrixFixture, target: 'own' | 'sibling', role: Role, mine: boolean): Promise<Caller> {
  if (target === 'sibling') return otherOfficer(f, SIBLING);
  if (mine) return callerFromCookie(f.t, f.cookies.get(role) ?? '');
  return otherOfficer(f, OWN);
}

/** `query`: what the search looks for (default 光伏 with a tag). */
export async function savedSearchFor(f: MatrixFixture, target: 'own' | 'sibling', role: Role, mine: boolean, query: { q: string; tags?: string[] } = { q: '光伏', tags: ['高新技术'] }): Promise<string> {
  const owner = await ownerFor(f, target, role, mine);
  const s = await createSavedSearch(f.t.deps, owner, { name: f.unique('光伏搜索'), query, shared: true });
  return s.id;
}

export async function listFor(f: MatrixFixture, target: 'own' | 'sibling', role: Role, mine: boolean): Promise<string> {
  const owner = await ownerFor(f, target, role, mine);
  const l = await createEnterpriseList(f.t.deps, owner, { name: f.unique('光伏目标企业'), shared: true });
  return l.id;
}
