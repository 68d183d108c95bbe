/**
 * Who hears about an object in a region: the handlers (招商专员 of the nearest level on the region's
 * path that has any) and, for escalations, the level above them (领导 and 招商专员 of the nearest
 * region above that has any). Looked up once per region path within one run of the clocks.
 */
import { selectUsersOnPath } from '../../db/queries/notifications/notifications';
import type { Db } from '../../db/client';

const depth = (path: string) => path.split('/').filter(Boolean).length;

/** The users at the deepest level among `users` strictly shallower than `belowDepth`. */
function pickNearest(users: { id: string; regionPath: string }[], belowDepth: number): { ids: string[]; depth: number } {
  let best = -1;
  for (const u of users) {
    const d = depth(u.regionPath);
    if (d < belowDepth && d > best) best = d;
  }
  return { ids: users.filter((u) => depth(u.regionPath) === best).map((u) => u.id), depth: best };
}

export class RecipientFinder {
  private readonly cache = new Map<string, Promise<{ id: string; regionPath: string }[]>>();
  constructor(private readonly db: Db) {}

  private usersOnPath(path: string, roles: readonly string[]) {
    const key = `${roles.join(',')}|${path}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = selectUsersOnPath(this.db, path, roles);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** 招商专员 of the region or, when it has none, of the nearest region above that has some. */
  async handlers(regionPath: string): Promise<string[]> {
    return pickNearest(await this.usersOnPath(regionPath, ['officer']), depth(regionPath) + 1).ids;
  }

  /** 领导 of the region or, when it has none, of the nearest region above that has some (the office head). */
  async leaders(regionPath: string): Promise<string[]> {
    return pickNearest(await this.usersOnPath(regionPath, ['leader']), depth(regionPath) + 1).ids;
  }

  /** 领导 and 招商专员 of the nearest region above the handlers' level (the level above: 上一级). */
  async levelAbove(regionPath: string): Promise<string[]> {
    const handlers = pickNearest(await this.usersOnPath(regionPath, ['officer']), depth(regionPath) + 1);
    const handlerDepth = handlers.depth >= 0 ? handlers.depth : depth(regionPath);
    return pickNearest(await this.usersOnPath(regionPath, ['leader', 'officer']), handlerDepth).ids;
  }
}
