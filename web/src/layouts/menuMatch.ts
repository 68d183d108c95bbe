/**
 * Which menu entry a URL belongs to, and its breadcrumb trail. ProLayout's own matching treats
 * every menu path that prefixes the URL as a parent (so /projects lit up beside /projects/lights,
 * and the breadcrumb of /enterprises/import read "企业检索 / 导入企业"). Here:
 *   - the page is the route whose pattern matches the whole URL (static segments beat :params);
 *   - the selected menu entry is that page when it is in the menu, else the longest menu path the
 *     URL lies under (a detail page belongs to its list), and only one;
 *   - the trail is the entry's groups, the entry, then a hidden page with a name of its own.
 * Sibling pages are never parents of each other. Pure (no React), so it can be tested on its own.
 */

export interface MenuNode {
  path: string;
  /** i18n key of the label */
  name: string;
  hideInMenu?: boolean;
  children?: readonly MenuNode[];
}

interface Placed<T> {
  node: T;
  /** the groups above it, outermost first */
  groups: T[];
}

function place<T extends MenuNode>(nodes: readonly T[], groups: T[] = []): Placed<T>[] {
  return nodes.flatMap((node) => (node.children ? place(node.children as readonly T[], [...groups, node]) : [{ node, groups }]));
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** How well a route pattern matches the whole URL: the number of static segments, or -1 when it does not. */
function patternScore(pattern: string, pathname: string): number {
  const p = segments(pattern);
  const u = segments(pathname);
  if (p.length !== u.length) return -1;
  let score = 0;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] ?? '';
    if (seg.startsWith(':')) continue;
    if (seg !== u[i]) return -1;
    score += 1;
  }
  return score;
}

/** The URL is the path itself or lies below it ("/" only for itself). */
function isUnder(path: string, pathname: string): boolean {
  if (path === '/') return pathname === '/';
  return pathname === path || pathname.startsWith(`${path}/`);
}

export interface MenuMatch<T> {
  /** the menu entry to highlight, if any */
  selected: T | null;
  /** breadcrumb, outermost first: groups, the entry, and a hidden page named differently from it */
  trail: T[];
  /** the route of the page itself */
  page: T | null;
}

export function matchMenu<T extends MenuNode>(routes: readonly T[], pathname: string): MenuMatch<T> {
  const all = place(routes);
  let page: Placed<T> | null = null;
  let best = -1;
  for (const p of all) {
    const score = patternScore(p.node.path, pathname);
    if (score > best) {
      best = score;
      page = p;
    }
  }
  let entry: Placed<T> | null = page && !page.node.hideInMenu ? page : null;
  if (!entry) {
    for (const p of all) {
      if (p.node.hideInMenu || p.node.path.includes(':') || !isUnder(p.node.path, pathname)) continue;
      if (!entry || p.node.path.length > entry.node.path.length) entry = p;
    }
  }
  const trail: T[] = entry ? [...entry.groups, entry.node] : [];
  if (page && entry && page.node !== entry.node && page.node.name !== entry.node.name) trail.push(page.node);
  return { selected: entry?.node ?? null, trail, page: page?.node ?? null };
}
