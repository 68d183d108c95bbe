import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/domain/messages/catalog';
import { checkTransition, listBrokenRulesForEdit, listUnmetRules, type ProjectFacts } from '../../src/domain/project-stages';

const TODAY = '2026-11-21';
const lead: ProjectFacts = {
  stage: 'lead',
  investorName: null,
  likelihood: null,
  expectedLandingDate: null,
  signedDate: null,
  signedAmountYuan: null,
  agreedStartDate: null,
  startedDate: null,
  operatingDate: null,
  terminationReason: null,
};
const negotiating: ProjectFacts = { ...lead, stage: 'negotiating', investorName: '新疆其亚铝电有限公司', likelihood: 'high', expectedLandingDate: '2027-03-31' };
const signed: ProjectFacts = { ...negotiating, stage: 'signed', signedDate: '2026-06-18', signedAmountYuan: 1_000_000_000n, agreedStartDate: '2026-09-01' };

describe('project stage rules', () => {
  it('lists what a lead still needs to become negotiating, each item naming its field', () => {
    const unmet = listUnmetRules(lead, 'negotiating', TODAY);
    expect(unmet.map((r) => r.fields[0])).toEqual(['investorName', 'likelihood', 'expectedLandingDate']);
  });

  it('checks every stage up to the target on a forward move, also when skipping stages', () => {
    const r = checkTransition(lead, 'signed', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // likelihood and expected landing date concern negotiating projects only
      expect(r.unmet.map((u) => u.id)).toEqual(['negotiating.investor', 'signed.date', 'signed.amount']);
      expect(renderMessage(r.text, 'zh')).toBe('转入“签约”还缺：在谈项目须填写投资方；签约项目须填写签约日期；签约项目须填写签约额（大于 0）');
      expect(renderMessage(r.text, 'en')).toBe(
        'Moving to “Signed” still needs: A project in negotiation needs an investor; A signed project needs a signing date; A signed project needs a signed amount (greater than 0)',
      );
    }
    expect(checkTransition({ ...negotiating, signedDate: '2026-06-18', signedAmountYuan: 1n }, 'signed', TODAY)).toEqual({ ok: true });
    // a lead signed directly needs an investor but no likelihood
    expect(checkTransition({ ...lead, investorName: '某公司', signedDate: '2026-06-18', signedAmountYuan: 1n }, 'signed', TODAY)).toEqual({ ok: true });
  });

  it('refuses an unknown signed amount: unknown is never zero and never enough to sign', () => {
    const r = checkTransition({ ...negotiating, signedDate: '2026-06-18', signedAmountYuan: null }, 'signed', TODAY);
    expect(r.ok).toBe(false);
    expect(checkTransition({ ...negotiating, signedDate: '2026-06-18', signedAmountYuan: 0n }, 'signed', TODAY).ok).toBe(false);
  });

  it('needs a start date not before the signing date and not in the future', () => {
    const before = checkTransition({ ...signed, startedDate: '2026-06-17' }, 'started', TODAY);
    expect(before.ok || before.unmet.map((u) => u.id)).toEqual(['started.afterSigning']);
    expect(checkTransition({ ...signed, startedDate: '2026-06-18' }, 'started', TODAY)).toEqual({ ok: true });
    const future = checkTransition({ ...signed, startedDate: '2026-11-22' }, 'started', TODAY);
    expect(future.ok || future.unmet.map((u) => u.id)).toEqual(['started.notFuture']);
  });

  it('needs an operating date not before the start', () => {
    const started: ProjectFacts = { ...signed, stage: 'started', startedDate: '2026-09-10' };
    expect(checkTransition({ ...started, operatingDate: '2026-09-09' }, 'operating', TODAY).ok).toBe(false);
    expect(checkTransition({ ...started, operatingDate: '2026-11-01' }, 'operating', TODAY)).toEqual({ ok: true });
  });

  it('terminates from any stage with a reason; a terminated project stays terminated', () => {
    expect(checkTransition(lead, 'terminated', TODAY).ok).toBe(false);
    expect(checkTransition({ ...lead, terminationReason: '投资方战略调整' }, 'terminated', TODAY)).toEqual({ ok: true });
    expect(checkTransition({ ...signed, terminationReason: '投资方战略调整' }, 'terminated', TODAY)).toEqual({ ok: true });
    const done: ProjectFacts = { ...lead, stage: 'terminated', terminationReason: 'x' };
    const final = checkTransition(done, 'lead', TODAY);
    expect(final).toMatchObject({ ok: false, unmet: [] });
    if (!final.ok) expect(renderMessage(final.text, 'zh')).toBe('已终止的项目不能再变更阶段');
  });

  it('treats a move back as a correction that needs a note', () => {
    const back = checkTransition(signed, 'negotiating', TODAY);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(renderMessage(back.text, 'zh')).toBe('从“签约”退回“在谈”属于更正，须填写说明');
    expect(checkTransition(signed, 'negotiating', TODAY, '误操作，尚未签约')).toEqual({ ok: true });
    expect(checkTransition(signed, 'signed', TODAY).ok).toBe(false);
  });

  it('checks on an ordinary edit only the rules that read a changed field', () => {
    // an old signed record without an expected landing date can still get its amount corrected
    const old: ProjectFacts = { ...signed, expectedLandingDate: null };
    expect(listBrokenRulesForEdit(old, { ...old, signedAmountYuan: 2_000_000_000n }, TODAY)).toEqual([]);
    expect(listBrokenRulesForEdit(old, { ...old, signedAmountYuan: null }, TODAY).map((r) => r.id)).toEqual(['signed.amount']);
    const started: ProjectFacts = { ...signed, stage: 'started', startedDate: '2026-09-10' };
    expect(listBrokenRulesForEdit(started, { ...started, signedDate: '2026-10-01' }, TODAY).map((r) => r.id)).toEqual(['started.afterSigning']);
    expect(listBrokenRulesForEdit(started, started, TODAY)).toEqual([]);
  });
});
