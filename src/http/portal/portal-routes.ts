/**
 * The portal's server-rendered pages under /portal (issue 14 item 1): read through the same services as the
 * public API, no session, no script. Filters are GET forms: empty fields are ignored, a bad value answers a
 * page saying which field is wrong (400); an unknown, malformed or unpublished id answers the same 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { scoreboardQuerySchema } from '../../contracts/inquiries';
import { policyMatchQuerySchema, publicPolicyItemQuerySchema, publicProjectQuerySchema, publicResourceQuerySchema } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Deps } from '../../services/context';
import { CONSENT_NOTICE_TEXT, CONSENT_NOTICE_VERSION } from '../../domain/inquiries/consent-notice';
import { getTracking } from '../../services/inquiries/public-inquiries';
import { getScoreboard } from '../../services/inquiries/scoreboard';
import { matchPolicyItems } from '../../services/portal/policy-matcher';
import {
  getPortalHome,
  getPublicPolicy,
  getPublicPolicyItem,
  getPublicProject,
  getPublicResource,
  listPortalChoices,
  listPublicOffices,
  listPublicPolicies,
  listPublicProjects,
  listPublicResources,
  searchPublicPolicyItems,
} from '../../services/portal/public-catalog';
import { renderFor } from '../request-lang';
import { html, type SafeHtml } from './html';
import { renderPortalPage, type PortalNavKey } from './layout';
import { renderHome } from './pages/home';
import { readSubject } from './filing-subject';
import { renderFilingForm } from './pages/inquiry-forms';
import { renderTracking, renderTrackingLookup } from './pages/tracking';
import { renderOffices } from './pages/offices';
import { renderPolicies, renderPolicyDetail, renderPolicyItemDetail } from './pages/policies';
import { renderProjectDetail, renderProjectList } from './pages/projects';
import { renderResourceDetail, renderResourceList } from './pages/resources';
import { renderScoreboard } from './pages/scoreboard';

/** the portal's public reads tolerate replica lag (plugins/read-routing.ts); a case's tracking page reads the primary */
const config = { access: 'public', reads: 'replica' } as const;
const trackingConfig = { access: 'public' } as const;

function sendPage(reply: FastifyReply, title: string, active: PortalNavKey | null, body: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPortalPage({ title, active, body }));
}

/** The portal's 404 page (an unknown path under /portal, or anything not published). */
export function sendPortalNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendPage(reply, '未找到', null, html`<h1>未找到</h1><p class="empty">${renderFor(request, msg('portal.notFound'))}</p><p><a href="/portal">返回首页</a></p>`, 404);
}

/** A GET form's query: empty fields dropped, then the schema; a bad field is an AppError naming it. */
function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'query');
    throw new AppError('VALIDATION', msg('text.plain', { text: `查询条件有误：${field}：${issue?.message ?? ''}` }));
  }
  return parsed.data;
}

/** Runs a page; a 404 or a bad query renders as a portal page, anything else goes to the error handler. */
async function page(request: FastifyRequest, reply: FastifyReply, active: PortalNavKey | null, build: () => Promise<{ title: string; body: SafeHtml }>) {
  try {
    const { title, body } = await build();
    return sendPage(reply, title, active, body);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return sendPortalNotFound(request, reply);
    if (err instanceof AppError && err.code === 'VALIDATION') {
      return sendPage(reply, '查询条件有误', active, html`<h1>查询条件有误</h1><p class="empty" role="alert">${renderFor(request, err.text)}</p><p><a href="${request.url.split('?')[0] ?? '/portal'}">清除条件</a></p>`, 400);
    }
    throw err;
  }
}

async function filterChoices(deps: Deps) {
  const c = await listPortalChoices(deps);
  return {
    regions: c.regions.map((r) => ({ value: r.code, label: r.name })),
    industries: c.industries.map((i) => ({ value: i.code, label: i.level === 'section' ? `${i.code} ${i.name}` : `\u3000${i.code} ${i.name}` })),
  };
}

export async function portalPageRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/portal', { config }, (request, reply) => page(request, reply, 'home', async () => ({ title: '首页', body: renderHome(await getPortalHome(deps)) })));

  app.get('/portal/projects', { config }, (request, reply) =>
    page(request, reply, 'projects', async () => {
      const q = parseQuery(publicProjectQuerySchema, request.query);
      const [list, choices] = await Promise.all([listPublicProjects(deps, q), filterChoices(deps)]);
      return { title: '推介项目', body: renderProjectList(q, list, choices) };
    }),
  );
  app.get<{ Params: { id: string } }>('/portal/projects/:id', { config }, (request, reply) =>
    page(request, reply, 'projects', async () => {
      const p = await getPublicProject(deps, request.params.id);
      return { title: p.publicTitle, body: renderProjectDetail(p) };
    }),
  );

  app.get('/portal/resources', { config }, (request, reply) =>
    page(request, reply, 'resources', async () => {
      const q = parseQuery(publicResourceQuerySchema, request.query);
      const [list, choices] = await Promise.all([listPublicResources(deps, q), filterChoices(deps)]);
      return { title: '资源载体', body: renderResourceList(q, list, choices) };
    }),
  );
  app.get<{ Params: { id: string } }>('/portal/resources/:id', { config }, (request, reply) =>
    page(request, reply, 'resources', async () => {
      const r = await getPublicResource(deps, request.params.id);
      return { title: r.name, body: renderResourceDetail(r) };
    }),
  );

  app.get('/portal/policies', { config }, (request, reply) =>
    page(request, reply, 'policies', async () => {
      const raw = (request.query ?? {}) as Record<string, string | undefined>;
      const q = parseQuery(publicPolicyItemQuerySchema, { q: raw.q, page: raw.page });
      const wantsMatch = Boolean(raw.industry || raw.size || raw.region);
      const [choices, policies, search] = await Promise.all([filterChoices(deps), listPublicPolicies(deps, {}), q.q ? searchPublicPolicyItems(deps, q) : Promise.resolve(null)]);
      const match: { industry?: string; size?: string; region?: string; result: Awaited<ReturnType<typeof matchPolicyItems>> | null; error: string | null } = {
        industry: raw.industry,
        size: raw.size,
        region: raw.region,
        result: null,
        error: null,
      };
      if (wantsMatch) {
        const parsed = policyMatchQuerySchema.safeParse({ industry: raw.industry, size: raw.size, region: raw.region });
        if (!parsed.success) match.error = '请选择所属行业、企业规模和地区后再匹配。';
        else {
          try {
            match.result = await matchPolicyItems(deps, parsed.data);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            match.error = renderFor(request, err.text);
          }
        }
      }
      return { title: '政策', body: renderPolicies({ q: q.q, search: search ? { ...search, page: q.page, pageSize: q.pageSize } : null, match, policies: policies.items, choices }) };
    }),
  );
  app.get<{ Params: { id: string } }>('/portal/policies/:id', { config }, (request, reply) =>
    page(request, reply, 'policies', async () => {
      const p = await getPublicPolicy(deps, request.params.id);
      return { title: p.title, body: renderPolicyDetail(p) };
    }),
  );
  app.get<{ Params: { id: string } }>('/portal/policy-items/:id', { config }, (request, reply) =>
    page(request, reply, 'policies', async () => {
      const i = await getPublicPolicyItem(deps, request.params.id);
      return { title: i.title, body: renderPolicyItemDetail(i) };
    }),
  );

  app.get('/portal/offices', { config }, (request, reply) =>
    page(request, reply, 'offices', async () => ({ title: '联系窗口', body: renderOffices((await listPublicOffices(deps, {})).items) })),
  );

  for (const kind of ['inquiry', 'complaint'] as const) {
    app.get(`/portal/${kind}`, { config }, (request, reply) =>
      page(request, reply, kind, async () => {
        const subject = await readSubject(deps, (request.query as Record<string, unknown> | undefined)?.subject);
        return { title: kind === 'inquiry' ? '在线对接' : '投诉', body: renderFilingForm(kind, subject, { version: CONSENT_NOTICE_VERSION, text: CONSENT_NOTICE_TEXT }, {}, null) };
      }),
    );
  }

  app.get('/portal/scoreboard', { config }, (request, reply) =>
    page(request, reply, 'scoreboard', async () => {
      const q = parseQuery(scoreboardQuerySchema, request.query);
      return { title: '服务评价', body: renderScoreboard(await getScoreboard(deps, q)) };
    }),
  );

  app.get('/portal/tracking', { config: trackingConfig }, (request, reply) => {
    const number = (request.query as Record<string, unknown> | undefined)?.number;
    if (typeof number === 'string' && number.trim() !== '') return reply.redirect(`/portal/tracking/${encodeURIComponent(number.trim())}`, 303);
    return sendPage(reply, '办理进度', 'tracking', renderTrackingLookup());
  });
  app.get<{ Params: { number: string } }>('/portal/tracking/:number', { config: trackingConfig }, (request, reply) =>
    page(request, reply, 'tracking', async () => ({ title: '办理进度', body: renderTracking(await getTracking(deps, request.params.number.slice(0, 64))) })),
  );
}
