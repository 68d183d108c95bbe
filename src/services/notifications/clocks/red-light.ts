/**
 * Red lights (红灯): a project whose light is red tells its leader (包联领导), once per project and
 * month while it stays red (state red:YYYY-MM), so a light red for weeks is one notification a month.
 */
import { selectRedLightProjects } from '../../../db/queries/notifications/clock-facts';
import { buildLightCutoffs, getLightRules } from '../../projects/project-lights';
import type { Clock } from '../clock-types';

export const redLightClock: Clock = {
  kinds: ['redLight'],
  async evaluate(ctx) {
    const cutoffs = buildLightCutoffs(await getLightRules(ctx.deps), ctx.today);
    return (await selectRedLightProjects(ctx.deps.db, cutoffs)).map((p) => ({
      recipientIds: p.leaderId ? [p.leaderId] : [],
      kind: 'redLight',
      objectType: 'project',
      objectId: p.projectId,
      stateKey: `red:${ctx.today.slice(0, 7)}`,
      regionCode: p.regionCode,
      regionPath: p.regionPath,
      title: `项目亮红灯：${p.projectName}`,
      body: `您包联的项目 ${p.projectCode}“${p.projectName}”亮红灯，请查看原因并调度推进。`,
      link: `/projects/${p.projectId}`,
    }));
  },
};
