/**
 * Demo data: one account per role in the demo prefecture 乌鲁木齐市 (650100) and county 米东区
 * (650109), plus an officer in the sibling county 天山区 (650102) and two parks. Idempotent.
 * Later capabilities add their demo records here, so a newcomer lands in a living system.
 */
import { selectSetting, upsertSetting } from '../db/queries/settings';
import { selectUserByUsername } from '../db/queries/accounts/users';
import { selectParks } from '../db/queries/regions';
import { requiresSecondFactor, type Role } from '../domain/roles';
import { createSystemCaller, type Deps } from '../services/context';
import { adoptTemplate } from '../services/chains/chain-templates';
import { createPark } from '../services/regions';
import { createUser } from '../services/accounts/users';
import { seedDemoProjects } from './demo-projects';
import { linkDemoProjectsToChains } from './demo-chain-links';
import { seedDemoEnterprises } from './demo-enterprises';
import { seedDemoReturns } from './demo-returns';
import { seedDemoActivities } from './demo-activities';
import { seedDemoAftercare } from './demo-aftercare';
import { seedDemoBriefings } from './demo-briefings';
import { seedDemoCommitments } from './demo-commitments';
import { seedDemoInquiries } from './demo-inquiries';
import { seedDemoPortal } from './demo-portal';
import { hasDemoTargets, seedDemoTargetHistory } from './demo-targets';
import { selectTarget } from '../db/queries/statistics/statistics';
import { todayInShanghai } from '../domain/dates';
import { setTarget } from '../services/statistics/statistics';
import { refreshRelatedness } from '../services/targets/industry-relatedness';
import { fitTargetWeights } from '../services/targets/target-learning';

export const DEMO_PASSWORD = 'Yinfeng@2026';
/**
 * The published TOTP secret of the demo administrators (sysadmin, secadmin, auditor): add it to an
 * authenticator app by hand, or compute the code with `npx tsx scripts/totp-code.ts`. Demo only.
 */
export const DEMO_TOTP_SECRET = 'YINFENGDEMO2TOTP3SECRET4KEY5ABCD';
export const DEMO_PREFECTURE = '650100';
export const DEMO_COUNTY = '650109';
export const DEMO_SIBLING_COUNTY = '650102';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'sysadmin', displayName: '王建国', role: 'sysadmin', regionCode: DEMO_PREFECTURE },
  { username: 'secadmin', displayName: '李安平', role: 'secadmin', regionCode: DEMO_PREFECTURE },
  { username: 'auditor', displayName: '赵审之', role: 'auditor', regionCode: DEMO_PREFECTURE },
  { username: 'leader', displayName: '陈志远', role: 'leader', regionCode: DEMO_PREFECTURE },
  { username: 'reviewer', displayName: '周敏', role: 'reviewer', regionCode: DEMO_PREFECTURE },
  { username: 'analyst', displayName: '吴思源', role: 'analyst', regionCode: DEMO_PREFECTURE },
  { username: 'officer', displayName: '马晓东', role: 'officer', regionCode: DEMO_COUNTY },
  { username: 'statistician', displayName: '孙丽娜', role: 'statistician', regionCode: DEMO_COUNTY },
  { username: 'officer_ts', displayName: '古丽娜尔', role: 'officer', regionCode: DEMO_SIBLING_COUNTY },
  // the level above the demo prefecture, who sets its annual target and reviews its returns
  { username: 'reviewer_xj', displayName: '阿依古丽', role: 'reviewer', regionCode: '650000' },
];

const DEMO_PARKS = [
  { parentCode: DEMO_COUNTY, name: '米东化工工业园' },
  { parentCode: DEMO_PREFECTURE, name: '乌鲁木齐经济技术开发区（头屯河区）' },
];

/** Annual 到位资金 targets of the current year for the demo prefecture and its counties (亿元). */
const DEMO_TARGETS_YI: Record<string, number> = {
  '650100': 220,
  '650102': 30,
  '650103': 25,
  '650104': 30,
  '650105': 20,
  '650106': 40,
  '650107': 15,
  '650109': 45,
  '650121': 15,
};

async function seedDemoTargets(deps: Deps, caller: ReturnType<typeof createSystemCaller>) {
  const year = Number(todayInShanghai().slice(0, 4));
  for (const [regionCode, yi] of Object.entries(DEMO_TARGETS_YI)) {
    if (await selectTarget(deps.db, regionCode, year)) continue;
    await setTarget(deps, caller, { regionCode, year, fundsTargetYuan: yi * 100_000_000, signedTargetYuan: null, reason: '演示数据' });
  }
}

/** 以链招商: the demo prefecture adopts three of the shipped chain templates (coverage computed from the demo data). */
export const DEMO_CHAINS = ['PV', 'SILICONE', 'COALCHEM'] as const;

async function seedDemoChains(deps: Deps, caller: ReturnType<typeof createSystemCaller>) {
  for (const code of DEMO_CHAINS) await adoptTemplate(deps, caller, code, { regionCode: DEMO_PREFECTURE });
  await linkDemoProjectsToChains(deps, caller, DEMO_CHAINS, DEMO_PREFECTURE);
}

export async function isDemoSeeded(deps: Deps): Promise<boolean> {
  return Boolean(await selectSetting(deps.db, 'demo'));
}

export async function seedDemo(deps: Deps): Promise<DemoAccount[]> {
  const caller = createSystemCaller('demo-seed');
  for (const a of DEMO_ACCOUNTS) {
    if (await selectUserByUsername(deps.db, a.username)) continue;
    await createUser(deps, caller, {
      username: a.username,
      displayName: a.displayName,
      regionCode: a.regionCode,
      password: DEMO_PASSWORD,
      roles: [a.role],
      mustChangePassword: false,
      demoPassword: true,
      ...(requiresSecondFactor([a.role]) ? { totpSecret: DEMO_TOTP_SECRET } : {}),
    });
  }
  const existing = await selectParks(deps.db, '/');
  for (const p of DEMO_PARKS) {
    if (existing.some((e) => e.parentCode === p.parentCode && e.name === p.name)) continue;
    await createPark(deps, caller, p);
  }
  await seedDemoProjects(deps);
  await seedDemoEnterprises(deps);
  await seedDemoTargets(deps, caller);
  await seedDemoChains(deps, caller);
  if (!(await hasDemoTargets(deps))) {
    // industry relatedness from the demo enterprises, so targets are scored with it on first start (the job refreshes it nightly)
    await refreshRelatedness(deps, caller);
    await seedDemoTargetHistory(deps, DEMO_CHAINS);
    // the weights fitted on that history, with its backtest, so 精准招商 shows both on first start (the job refits weekly)
    await fitTargetWeights(deps, caller);
  }
  await seedDemoReturns(deps);
  // a year of 招商活动 through the ledger import, after the projects and enterprises they name
  await seedDemoActivities(deps);
  // 回访 of the landed projects, then the notification clocks once (demo users open the app to their notifications)
  await seedDemoAftercare(deps);
  // issued weekly briefings and drafts, generated from the activities and records above
  await seedDemoBriefings(deps, DEMO_PREFECTURE);
  // the investor portal: contact offices, published resources and projects, a policy library marked as demo
  await seedDemoPortal(deps);
  // 政府承诺 on three signed demo projects of 米东区: fulfilled, pending, overdue, disputed, waived, awaiting review
  await seedDemoCommitments(deps);
  // inquiries and complaints in every state, about the portal's published resources and policy items
  await seedDemoInquiries(deps);
  await upsertSetting(deps.db, 'demo', { seededAt: new Date().toISOString() });
  return DEMO_ACCOUNTS;
}
