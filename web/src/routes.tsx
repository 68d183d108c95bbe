import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AimOutlined,
  EnvironmentOutlined,
  CarOutlined,
  FileTextOutlined,
  ShopOutlined,
  AlertOutlined,
  FlagOutlined,
  RadarChartOutlined,
  ApartmentOutlined,
  AuditOutlined,
  FileDoneOutlined,
  BarChartOutlined,
  TrophyOutlined,
  ControlOutlined,
  ImportOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  FundProjectionScreenOutlined,
  StarOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  SearchOutlined,
  UnorderedListOutlined,
  CloudUploadOutlined,
  MergeCellsOutlined,
  TagsOutlined,
  HomeOutlined,
  InsuranceOutlined,
  KeyOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import type { Permission } from './access';
import type { MessageKey } from './i18n';

export interface AppRoute {
  path: string;
  /** Menu label (i18n key). */
  name: MessageKey;
  icon?: ReactNode;
  /** Needed to see the menu entry and open the page. */
  permission?: Permission;
  /** Menu entry only for these roles (the page itself follows `permission`). */
  roles?: readonly string[];
  /** A page reached from another page (e.g. a detail), not from the menu. */
  hideInMenu?: boolean;
  component?: LazyExoticComponent<ComponentType>;
  children?: AppRoute[];
}

/** The route table: menu, icon, access and page in one place (as in ant-design-pro's config/routes.ts). */
export const routes: AppRoute[] = [
  { path: '/', name: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/Home')) },
  {
    path: '/projects',
    name: 'menu.projects',
    icon: <FundProjectionScreenOutlined />,
    permission: 'projects.read',
    component: lazy(() => import('./pages/projects/ProjectList')),
  },
  {
    path: '/projects/mine',
    name: 'menu.myProjects',
    icon: <StarOutlined />,
    permission: 'projects.read',
    roles: ['leader'],
    component: lazy(() => import('./pages/projects/MyProjects')),
  },
  {
    path: '/projects/lights',
    name: 'menu.lights',
    icon: <AlertOutlined />,
    permission: 'projects.read',
    component: lazy(() => import('./pages/projects/LightsByLeader')),
  },
  {
    path: '/projects/completion',
    name: 'menu.completion',
    icon: <FileDoneOutlined />,
    permission: 'projects.read',
    component: lazy(() => import('./pages/projects/Completion')),
  },
  {
    path: '/projects/:id',
    name: 'menu.projects',
    permission: 'projects.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/projects/ProjectDetail')),
  },
  {
    path: '/enterprise-db',
    name: 'menu.enterprises',
    icon: <DatabaseOutlined />,
    children: [
      {
        path: '/enterprises',
        name: 'menu.enterpriseSearch',
        icon: <SearchOutlined />,
        permission: 'enterprises.read',
        component: lazy(() => import('./pages/enterprises/EnterpriseSearch')),
      },
      {
        path: '/enterprises/lists',
        name: 'menu.enterpriseLists',
        icon: <UnorderedListOutlined />,
        permission: 'enterprises.read',
        component: lazy(() => import('./pages/enterprises/EnterpriseLists')),
      },
      {
        path: '/enterprises/lists/:id',
        name: 'menu.enterpriseLists',
        permission: 'enterprises.read',
        hideInMenu: true,
        component: lazy(() => import('./pages/enterprises/EnterpriseListsDetail')),
      },
      {
        path: '/enterprises/import',
        name: 'menu.enterpriseImport',
        icon: <CloudUploadOutlined />,
        permission: 'enterprises.import',
        component: lazy(() => import('./pages/enterprises/EnterpriseImport')),
      },
      {
        path: '/enterprises/duplicates',
        name: 'menu.enterpriseDuplicates',
        icon: <MergeCellsOutlined />,
        permission: 'enterprises.manage',
        component: lazy(() => import('./pages/enterprises/EnterpriseDuplicates')),
      },
      {
        path: '/enterprises/:key',
        name: 'menu.enterpriseDetail',
        permission: 'enterprises.read',
        hideInMenu: true,
        component: lazy(() => import('./pages/enterprises/EnterpriseDetail')),
      },
    ],
  },
  {
    path: '/chains',
    name: 'menu.chains',
    icon: <ApartmentOutlined />,
    permission: 'chains.read',
    component: lazy(() => import('./pages/chains/ChainList')),
  },
  {
    path: '/chains/:code',
    name: 'menu.chains',
    permission: 'chains.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/chains/ChainDetail')),
  },
  {
    path: '/chains/:code/edit',
    name: 'menu.chainEdit',
    permission: 'chains.manage',
    hideInMenu: true,
    component: lazy(() => import('./pages/chains/ChainEdit')),
  },
  {
    path: '/chains/:code/dashboard',
    name: 'menu.chainDashboard',
    permission: 'targeting.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/chains/ChainDashboard')),
  },
  {
    path: '/targeting',
    name: 'menu.targeting',
    icon: <AimOutlined />,
    children: [
      {
        path: '/targets/scored',
        name: 'menu.targetsScored',
        icon: <RadarChartOutlined />,
        permission: 'targeting.read',
        component: lazy(() => import('./pages/targets/ScoredTargets')),
      },
      {
        path: '/targets',
        name: 'menu.targets',
        icon: <FlagOutlined />,
        permission: 'targeting.read',
        component: lazy(() => import('./pages/targets/TargetList')),
      },
    ],
  },
  {
    path: '/activities',
    name: 'menu.activities',
    icon: <CarOutlined />,
    permission: 'activities.read',
    component: lazy(() => import('./pages/activities/ActivityList')),
  },
  {
    path: '/briefings',
    name: 'menu.briefings',
    icon: <FileTextOutlined />,
    permission: 'briefings.read',
    component: lazy(() => import('./pages/briefings/BriefingList')),
  },
  {
    path: '/briefings/:id',
    name: 'menu.briefings',
    permission: 'briefings.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/briefings/BriefingDetail')),
  },
  {
    path: '/activities/teams',
    name: 'menu.teams',
    icon: <EnvironmentOutlined />,
    permission: 'activities.read',
    component: lazy(() => import('./pages/teams/TeamList')),
  },
  {
    path: '/activities/teams/:id',
    name: 'menu.teams',
    permission: 'activities.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/teams/TeamDetail')),
  },
  {
    path: '/activities/partners',
    name: 'menu.partners',
    icon: <ShopOutlined />,
    permission: 'activities.read',
    component: lazy(() => import('./pages/partners/PartnerList')),
  },
  {
    path: '/activities/partners/:id',
    name: 'menu.partners',
    permission: 'activities.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/partners/PartnerDetail')),
  },
  {
    path: '/activities/new',
    name: 'menu.activityNew',
    permission: 'activities.manage',
    hideInMenu: true,
    component: lazy(() => import('./pages/activities/ActivityForm')),
  },
  {
    path: '/activities/:id/edit',
    name: 'menu.activityEdit',
    permission: 'activities.manage',
    hideInMenu: true,
    component: lazy(() => import('./pages/activities/ActivityForm')),
  },
  {
    path: '/activities/:id',
    name: 'menu.activities',
    permission: 'activities.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/activities/ActivityDetail')),
  },
  {
    path: '/funds/grid',
    name: 'menu.fundGrid',
    icon: <TableOutlined />,
    permission: 'funds.manage',
    component: lazy(() => import('./pages/funds/FundGrid')),
  },
  {
    path: '/funds/pending',
    name: 'menu.pendingReceipts',
    icon: <AuditOutlined />,
    permission: 'funds.verify',
    component: lazy(() => import('./pages/funds/PendingReceipts')),
  },
  {
    path: '/stats',
    name: 'menu.stats',
    icon: <BarChartOutlined />,
    permission: 'stats.read',
    component: lazy(() => import('./pages/stats/StatsAnalysis')),
  },
  {
    path: '/stats/rankings',
    name: 'menu.rankings',
    icon: <TrophyOutlined />,
    permission: 'stats.read',
    component: lazy(() => import('./pages/stats/Rankings')),
  },
  {
    path: '/returns',
    name: 'menu.returns',
    icon: <FileDoneOutlined />,
    permission: 'stats.read',
    component: lazy(() => import('./pages/returns/ReturnsStatus')),
  },
  {
    path: '/returns/:regionCode/:month',
    name: 'menu.returns',
    permission: 'stats.read',
    hideInMenu: true,
    component: lazy(() => import('./pages/returns/ReturnDetail')),
  },
  {
    path: '/aftercare',
    name: 'menu.aftercare',
    icon: <InsuranceOutlined />,
    permission: 'projects.read',
    component: lazy(() => import('./pages/aftercare/AftercareList')),
  },
  {
    path: '/notifications',
    name: 'menu.notifications',
    hideInMenu: true,
    component: lazy(() => import('./pages/notifications/NotificationCenter')),
  },
  {
    path: '/service-items',
    name: 'menu.serviceItems',
    icon: <CustomerServiceOutlined />,
    permission: 'projects.read',
    component: lazy(() => import('./pages/serviceItems/ServiceItemSummary')),
  },
  {
    path: '/service-items/clocks',
    name: 'menu.serviceClocks',
    icon: <FieldTimeOutlined />,
    permission: 'stats.read',
    component: lazy(() => import('./pages/serviceItems/ServiceClocks')),
  },
  {
    path: '/imports',
    name: 'menu.imports',
    icon: <ImportOutlined />,
    permission: 'imports.run',
    component: lazy(() => import('./pages/imports/Imports')),
  },
  {
    path: '/settings',
    name: 'menu.settings',
    icon: <ControlOutlined />,
    permission: 'settings.manage',
    component: lazy(() => import('./pages/settings/Settings')),
  },
  {
    path: '/admin',
    name: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      {
        path: '/admin/users',
        name: 'menu.users',
        icon: <TeamOutlined />,
        permission: 'users.read',
        component: lazy(() => import('./pages/users/UserList')),
      },
      {
        path: '/admin/regions',
        name: 'menu.regions',
        icon: <ClusterOutlined />,
        permission: 'regions.manage',
        component: lazy(() => import('./pages/regions/Regions')),
      },
      {
        path: '/admin/enterprise-tags',
        name: 'menu.enterpriseTags',
        icon: <TagsOutlined />,
        permission: 'settings.manage',
        component: lazy(() => import('./pages/settings/EnterpriseTags')),
      },
    ],
  },
  {
    path: '/security',
    name: 'menu.security',
    icon: <SafetyCertificateOutlined />,
    children: [
      {
        path: '/security/policy',
        name: 'menu.policy',
        icon: <LockOutlined />,
        permission: 'security.manage',
        component: lazy(() => import('./pages/security/Policy')),
      },
      {
        path: '/security/locks',
        name: 'menu.locks',
        icon: <UnlockOutlined />,
        permission: 'security.manage',
        component: lazy(() => import('./pages/security/Locks')),
      },
    ],
  },
  {
    path: '/audit',
    name: 'menu.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    component: lazy(() => import('./pages/audit/AuditLog')),
  },
  {
    path: '/account/password',
    name: 'menu.password',
    icon: <KeyOutlined />,
    component: lazy(() => import('./pages/account/ChangePassword')),
  },
  {
    path: '/account/two-factor',
    name: 'menu.twoFactor',
    icon: <SafetyOutlined />,
    component: lazy(() => import('./pages/account/TwoFactor')),
  },
];

/** Every page route, flattened (groups have no page of their own). */
export function pageRoutes(table: readonly AppRoute[] = routes): AppRoute[] {
  return table.flatMap((r) => (r.children ? pageRoutes(r.children) : r.component ? [r] : []));
}
