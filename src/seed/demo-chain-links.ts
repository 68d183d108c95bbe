/**
 * 以链招商 in the demo: a handful of 乌鲁木齐市's demo projects name the chain node their name and
 * industry fit (a product or the node's name in the project's name, and the project's 大类 among the
 * node's codes), through the projects' own rule (updateProject), so the chain pages show explicit links.
 * Idempotent: nothing is done once a demo project names a node.
 */
import { sql } from 'drizzle-orm';
import { selectChainByCode, selectChainNodes } from '../db/queries/chains/chains';
import type { Caller, Deps } from '../services/context';
import { updateProject } from '../services/projects/projects';

const MAX_LINKS = 8;

interface DemoProject {
  id: string;
  name: string;
  industry_code: string | null;
  version: number;
  last_progress_at: string;
}

export async function linkDemoProjectsToChains(deps: Deps, caller: Caller, chainCodes: readonly string[], prefecture: string): Promise<number> {
  const named = (await deps.db.execute(sql`select 1 from projects where code like 'DEMO-%' and chain_node_code is not null limit 1`)) as unknown as { rows: unknown[] };
  if (named.rows.length > 0) return 0;
  const projects = ((await deps.db.execute(sql`select p.id, p.name, p.industry_code, p.version, p.last_progress_at::text from projects p join regions r on r.code = p.region_code
      where p.code like 'DEMO-%' and r.path like ${`%/${prefecture}/%`} order by p.code`)) as unknown as { rows: DemoProject[] }).rows;
  const taken = new Set<string>();
  let linked = 0;
  for (const chainCode of chainCodes) {
    const chain = await selectChainByCode(deps.db, chainCode);
    if (!chain) continue;
    for (const node of await selectChainNodes(deps.db, chain.id, chain.currentVersion)) {
      if (linked >= MAX_LINKS) return linked;
      const words = [node.name, ...node.products].filter((w) => w.length >= 2);
      const divisions = new Set(node.industryCodes.map((c) => c.slice(0, 2)));
      const fit = projects.find((p) => !taken.has(p.id) && p.industry_code !== null && divisions.has(p.industry_code.slice(0, 2)) && words.some((w) => p.name.includes(w)));
      if (!fit) continue;
      taken.add(fit.id);
      await updateProject(deps, caller, fit.id, { chainNode: node.code, version: fit.version });
      // naming the node is not progress: the demo's lights stay as seeded
      await deps.db.execute(sql`update projects set last_progress_at = ${fit.last_progress_at}::timestamptz where id = ${fit.id}`);
      linked++;
    }
  }
  return linked;
}
