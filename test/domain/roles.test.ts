import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, BUSINESS_ROLES, checkRoleSet, isRole, listPermissions, PERMISSIONS, ROLES, type Role } from '../../src/domain/roles';

describe('checkRoleSet', () => {
  it.each([
    [['sysadmin', 'secadmin'], '三权分立：一个账号不能同时担任系统管理员、安全管理员'],
    [['sysadmin', 'auditor'], '三权分立：一个账号不能同时担任系统管理员、审计管理员'],
    [['secadmin', 'auditor'], '三权分立：一个账号不能同时担任安全管理员、审计管理员'],
    [['auditor', 'secadmin'], '三权分立：一个账号不能同时担任审计管理员、安全管理员'],
    [['sysadmin', 'secadmin', 'auditor'], '三权分立：一个账号不能同时担任系统管理员、安全管理员、审计管理员'],
    [['officer', 'sysadmin', 'leader', 'auditor'], '三权分立：一个账号不能同时担任系统管理员、审计管理员'],
  ])('refuses the administrator pair %j', (roles, message) => {
    expect(checkRoleSet(roles)).toBe(message);
  });

  it('refuses unknown roles and names every one', () => {
    expect(checkRoleSet(['officer', 'boss'])).toBe('未知角色：boss');
    expect(checkRoleSet(['root', 'officer', 'Officer'])).toBe('未知角色：root、Officer');
    expect(checkRoleSet([''])).toBe('未知角色：');
  });

  it('refuses duplicates', () => {
    expect(checkRoleSet(['officer', 'officer'])).toBe('角色重复');
    expect(checkRoleSet(['sysadmin', 'sysadmin'])).toBe('角色重复');
    expect(checkRoleSet(['leader', 'analyst', 'leader'])).toBe('角色重复');
  });

  it('checks unknown roles before duplicates and separation of duties', () => {
    expect(checkRoleSet(['sysadmin', 'secadmin', 'nobody'])).toBe('未知角色：nobody');
    expect(checkRoleSet(['sysadmin', 'secadmin', 'sysadmin'])).toBe('角色重复');
  });

  it('allows one administrator role together with business roles, and no role at all', () => {
    expect(checkRoleSet([])).toBeNull();
    for (const admin of ADMIN_ROLES) {
      expect(checkRoleSet([admin])).toBeNull();
      expect(checkRoleSet([admin, 'officer'])).toBeNull();
      expect(checkRoleSet(['leader', admin, 'analyst'])).toBeNull();
    }
    expect(checkRoleSet([...BUSINESS_ROLES])).toBeNull();
  });
});

describe('isRole', () => {
  it('knows exactly the eight roles', () => {
    expect(ROLES).toEqual(['sysadmin', 'secadmin', 'auditor', 'leader', 'officer', 'statistician', 'reviewer', 'analyst']);
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    expect(isRole('SYSADMIN')).toBe(false);
    expect(isRole('admin')).toBe(false);
    expect(isRole('')).toBe(false);
    expect(isRole('toString')).toBe(false);
  });
});

describe('listPermissions', () => {
  const expected: Record<Role, string[]> = {
    sysadmin: ['users.read', 'users.manage', 'regions.manage', 'settings.manage'],
    secadmin: ['users.read', 'security.manage'],
    auditor: ['audit.read'],
    leader: ['projects.read', 'stats.read', 'enterprises.read', 'contacts.reveal', 'chains.read', 'targeting.read', 'activities.read', 'activities.approve', 'briefings.read', 'briefings.manage', 'briefings.issue', 'inquiries.read', 'commitments.read'],
    officer: [
      'projects.read',
      'projects.manage',
      'imports.run',
      'evidence.upload',
      'stats.read',
      'enterprises.read',
      'enterprises.manage',
      'enterprises.import',
      'contacts.reveal',
      'contacts.export',
      'chains.read',
      'targeting.read',
      'targeting.manage',
      'activities.read',
      'activities.manage',
      'briefings.read',
      'briefings.manage',
      'portal.manage',
      'inquiries.read',
      'inquiries.manage',
      'commitments.read',
      'commitments.manage',
    ],
    statistician: ['projects.read', 'funds.manage', 'funds.verify', 'imports.run', 'evidence.upload', 'stats.read', 'targets.manage', 'returns.submit', 'enterprises.read', 'chains.read', 'activities.read', 'briefings.read', 'commitments.read'],
    reviewer: ['projects.read', 'stats.read', 'targets.manage', 'returns.review', 'enterprises.read', 'chains.read', 'activities.read', 'briefings.read', 'inquiries.read', 'commitments.read'],
    analyst: ['projects.read', 'stats.read', 'enterprises.read', 'enterprises.manage', 'enterprises.import', 'chains.read', 'chains.manage', 'targeting.read', 'targeting.manage', 'activities.read'],
  };

  it.each(ROLES)('grants %s its permissions', (role) => {
    expect(listPermissions([role])).toEqual(expected[role]);
  });

  it('grants the union in the canonical order, without duplicates', () => {
    expect(listPermissions([])).toEqual([]);
    expect(listPermissions(['secadmin', 'sysadmin'])).toEqual(['users.read', 'users.manage', 'regions.manage', 'security.manage', 'settings.manage']);
    expect(listPermissions(['auditor', 'officer', 'leader'])).toEqual([
      'audit.read',
      'projects.read',
      'projects.manage',
      'imports.run',
      'evidence.upload',
      'stats.read',
      'enterprises.read',
      'enterprises.manage',
      'enterprises.import',
      'contacts.reveal',
      'contacts.export',
      'chains.read',
      'targeting.read',
      'targeting.manage',
      'activities.read',
      'activities.manage',
      'activities.approve',
      'briefings.read',
      'briefings.manage',
      'briefings.issue',
      'portal.manage',
      'inquiries.read',
      'inquiries.manage',
      'commitments.read',
      'commitments.manage',
    ]);
    expect(listPermissions([...ROLES])).toEqual([...PERMISSIONS]);
  });

  it('never lets the auditor change anything and never lets the administrators read the audit log', () => {
    expect(listPermissions(['auditor'])).not.toContain('users.manage');
    expect(listPermissions(['sysadmin'])).not.toContain('audit.read');
    expect(listPermissions(['secadmin'])).not.toContain('audit.read');
    expect(listPermissions(['sysadmin'])).not.toContain('security.manage');
  });
});
