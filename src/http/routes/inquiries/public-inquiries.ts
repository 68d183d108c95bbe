/**
 * The investor's routes (no session, under /api/public/): filing an inquiry or complaint, the consent
 * notice, tracking by the number alone, rating and reopening, and the monthly scoreboard. The portal's
 * HTML forms post application/x-www-form-urlencoded here (this plugin alone parses it) and get a 303
 * to the tracking page, so filing works without JavaScript; scripts post JSON and get 201. Bodies
 * are small (16 KiB); nothing personal is logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { consentNoticeSchema, filingBodySchema, ratingBodySchema, reopenBodySchema, scoreboardQuerySchema, scoreboardSchema, trackingNumberSchema, trackingParams, trackingSchema } from '../../../contracts/inquiries';
import { CONSENT_NOTICE_TEXT, CONSENT_NOTICE_VERSION } from '../../../domain/inquiries/consent-notice';
import { AppError } from '../../../domain/app-error';
import { renderMessage } from '../../../domain/messages/catalog';
import type { Deps } from '../../../services/context';
import { fileInquiry, getTracking, rateInquiry, reopenByInvestor } from '../../../services/inquiries/public-inquiries';
import { getScoreboard } from '../../../services/inquiries/scoreboard';
import { readMeta } from '../../access';
import { describeInputRefusal } from '../../plugins/error-handler';
import { renderFilingRefusal } from '../../portal/filing-refusal';
import { renderTrackingRefusal } from '../../portal/tracking-refusal';
import { langOf } from '../../request-lang';

const tags = ['public'];
const BODY_LIMIT = 16 * 1024;
const FORM = 'application/x-www-form-urlencoded';

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === FORM;
}

/** A form post goes on to the tracking page (303: the browser GETs it); JSON gets the object. */
function answer<T>(request: FastifyRequest, reply: FastifyReply, status: number, trackingNumber: string, body: T) {
  if (isForm(request)) return reply.redirect(`/portal/tracking/${encodeURIComponent(trackingNumber)}`, 303);
  return reply.status(status).send(body);
}

export async function publicInquiryRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const accepted = { 201: trackingNumberSchema, 303: z.null().describe('表单提交：转到查询页') };

  for (const kind of ['inquiry', 'complaint'] as const) {
    r.post(
      kind === 'inquiry' ? '/api/public/inquiries' : '/api/public/complaints',
      {
        bodyLimit: BODY_LIMIT,
        config: { access: 'public' },
        /** a refused form post answers the form again (HTML, 400) with the refusal; JSON keeps the JSON answer */
        errorHandler: async (err, request, reply) => {
          const refusal = isForm(request) ? describeInputRefusal(err, langOf(request)) : null;
          if (!refusal) throw err;
          const page = await renderFilingRefusal(deps, kind, (request.body ?? {}) as Record<string, unknown>, refusal);
          // the HTML page is outside the route's JSON response schemas (a string is sent as is, never serialized)
          return (reply as unknown as FastifyReply).status(400).type('text/html; charset=utf-8').send(page);
        },
        schema: {
          tags,
          summary: kind === 'inquiry' ? '提交在线咨询（在线对接），返回查询码；同一地址提交次数受限' : '提交投诉，返回查询码；同一地址提交次数受限',
          security: [],
          body: filingBodySchema,
          response: accepted,
        },
      },
      async (request, reply) => {
        const filed = await fileInquiry(deps, readMeta(request), kind, request.body);
        return answer(request, reply, 201, filed.trackingNumber, filed);
      },
    );
  }

  /**
   * A refused rating or reopen form post answers the tracking page again (HTML) with the input kept and the
   * refusal naming the field: 400 for bad input, 409 when the step is not possible any more. JSON keeps JSON;
   * for an unknown number the refusal stays the JSON one (bad input is refused before the number is looked up).
   */
  const answerTrackingRefusal = (form: 'rating' | 'reopen') => async (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (!isForm(request)) throw err;
    const refusal = describeInputRefusal(err, langOf(request));
    const conflict = err instanceof AppError && err.code === 'CONFLICT' ? [{ message: renderMessage(err.text, langOf(request)) }] : null;
    const details = refusal ?? conflict;
    if (!details) throw err;
    const number = String((request.params as { number?: unknown }).number ?? '').slice(0, 64);
    // an unknown number keeps the refusal as it was (the input is checked before the number, as for JSON)
    const page = await renderTrackingRefusal(deps, number, form, (request.body ?? {}) as Record<string, unknown>, details).catch(() => null);
    if (page === null) throw err;
    return reply.status(refusal ? 400 : 409).type('text/html; charset=utf-8').send(page);
  };

  r.get(
    '/api/public/consent-notice',
    { config: { access: 'public' }, schema: { tags, summary: '个人信息处理告知（提交咨询投诉须同意的版本与全文）', security: [], response: { 200: consentNoticeSchema } } },
    async () => ({ version: CONSENT_NOTICE_VERSION, text: CONSENT_NOTICE_TEXT }),
  );

  r.get(
    '/api/public/tracking/:number',
    {
      config: { access: 'public' },
      schema: { tags, summary: '凭查询码查看办理进度（阶段、承办窗口、到期日、答复）；不含个人信息；无此查询码与格式不对同样答复 404', security: [], params: trackingParams, response: { 200: trackingSchema } },
    },
    async (request) => getTracking(deps, request.params.number),
  );

  r.post(
    '/api/public/tracking/:number/rating',
    { bodyLimit: BODY_LIMIT, config: { access: 'public' }, errorHandler: answerTrackingRefusal('rating'), schema: { tags, summary: '办结后评价答复（1–5 分，一次）', security: [], params: trackingParams, body: ratingBodySchema, response: { 200: trackingSchema, 303: z.null() } } },
    async (request, reply) => answer(request, reply, 200, request.params.number, await rateInquiry(deps, readMeta(request), request.params.number, request.body)),
  );

  r.post(
    '/api/public/tracking/:number/reopen',
    { bodyLimit: BODY_LIMIT, config: { access: 'public' }, errorHandler: answerTrackingRefusal('reopen'), schema: { tags, summary: '投诉办结后申请重新办理（一次）', security: [], params: trackingParams, body: reopenBodySchema, response: { 200: trackingSchema, 303: z.null() } } },
    async (request, reply) => answer(request, reply, 200, request.params.number, await reopenByInvestor(deps, readMeta(request), request.params.number, request.body.reason)),
  );

  r.get(
    '/api/public/scoreboard',
    { config: { access: 'public', reads: 'replica' }, schema: { tags, summary: '咨询投诉办理情况月度公示（按地区；已结束的月份，发布后不变）', security: [], querystring: scoreboardQuerySchema, response: { 200: scoreboardSchema } } },
    async (request) => getScoreboard(deps, request.query),
  );
}
