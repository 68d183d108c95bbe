/** The Chinese (or English) names of the activity keys: types, hosting, leader levels, organisation kinds, outcomes. */
import type { Translate } from '../../i18n';
import type { ActivityType, LeaderLevel, OrganisationKind, Outcome } from '../../api/activities';

export const typeName = (t: Translate, k: ActivityType) => t(`activities.type.${k}`);
export const hostingName = (t: Translate, k: 'organised' | 'attended') => t(`activities.hosting.${k}`);
export const levelName = (t: Translate, k: LeaderLevel) => t(`activities.level.${k}`);
export const orgKindName = (t: Translate, k: OrganisationKind) => t(`activities.orgKind.${k}`);
export const outcomeName = (t: Translate, k: Outcome) => t(`activities.outcome.${k}`);
export const activityPath = (id: string) => `/activities/${encodeURIComponent(id)}`;
