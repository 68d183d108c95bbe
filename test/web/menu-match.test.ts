/** The web layout's menu matching (web/src/layouts/menuMatch.ts): one entry lit, real parents only. */
import { describe, expect, it } from 'vitest';
import { matchMenu, type MenuNode } from '../../web/src/layouts/menuMatch';

/** The shape of web/src/routes.tsx (names as there). */
const ROUTES: MenuNode[] = [
  { path: '/', name: 'menu.home' },
  { path: '/projects', name: 'menu.projects' },
  { path: '/projects/mine', name: 'menu.myProjects' },
  { path: '/projects/lights', name: 'menu.lights' },
  { path: '/projects/:id', name: 'menu.projects', hideInMenu: true },
  {
    path: '/enterprise-db',
    name: 'menu.enterprises',
    children: [
      { path: '/enterprises', name: 'menu.enterpriseSearch' },
      { path: '/enterprises/lists', name: 'menu.enterpriseLists' },
      { path: '/enterprises/lists/:id', name: 'menu.enterpriseLists', hideInMenu: true },
      { path: '/enterprises/import', name: 'menu.enterpriseImport' },
      { path: '/enterprises/duplicates', name: 'menu.enterpriseDuplicates' },
      { path: '/enterprises/:key', name: 'menu.enterpriseDetail', hideInMenu: true },
    ],
  },
  { path: '/stats', name: 'menu.stats' },
  { path: '/stats/rankings', name: 'menu.rankings' },
  { path: '/returns', name: 'menu.returns' },
  { path: '/returns/:regionCode/:month', name: 'menu.returns', hideInMenu: true },
];

const of = (pathname: string) => {
  const m = matchMenu(ROUTES, pathname);
  return { selected: m.selected?.path ?? null, trail: m.trail.map((r) => r.path), page: m.page?.path ?? null };
};

describe('matchMenu', () => {
  it('lights one entry for a page that has its own, even when a sibling path prefixes it', () => {
    expect(of('/projects/lights')).toEqual({ selected: '/projects/lights', trail: ['/projects/lights'], page: '/projects/lights' });
    expect(of('/projects')).toEqual({ selected: '/projects', trail: ['/projects'], page: '/projects' });
    expect(of('/stats/rankings').selected).toBe('/stats/rankings');
  });

  it('does not make /enterprises the parent of its siblings: the group is', () => {
    expect(of('/enterprises/import')).toEqual({ selected: '/enterprises/import', trail: ['/enterprise-db', '/enterprises/import'], page: '/enterprises/import' });
    expect(of('/enterprises/duplicates').trail).toEqual(['/enterprise-db', '/enterprises/duplicates']);
    expect(of('/enterprises').trail).toEqual(['/enterprise-db', '/enterprises']);
  });

  it('puts a detail page under the longest menu path it lies under, adding it when it has a name of its own', () => {
    // a static route beats a :param one (/enterprises/lists is not an enterprise key)
    expect(of('/enterprises/lists')).toMatchObject({ selected: '/enterprises/lists', page: '/enterprises/lists' });
    expect(of('/enterprises/lists/8d1c7f0e-0000-4000-8000-000000000000')).toEqual({
      selected: '/enterprises/lists',
      trail: ['/enterprise-db', '/enterprises/lists'],
      page: '/enterprises/lists/:id',
    });
    expect(of('/enterprises/91650109MA00000000')).toEqual({
      selected: '/enterprises',
      trail: ['/enterprise-db', '/enterprises', '/enterprises/:key'],
      page: '/enterprises/:key',
    });
    expect(of('/projects/5b0c')).toMatchObject({ selected: '/projects', trail: ['/projects'] });
    expect(of('/returns/650109/2026-05')).toMatchObject({ selected: '/returns', page: '/returns/:regionCode/:month' });
  });

  it('lights home only for /, and nothing for an unknown URL', () => {
    expect(of('/').selected).toBe('/');
    expect(of('/nowhere')).toEqual({ selected: null, trail: [], page: null });
  });
});
