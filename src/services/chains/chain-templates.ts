/**
 * The shipped chain templates: listed for everyone who reads chains, adopted by an analyst of a
 * province or prefecture. Adopting copies the template as a chain of the caller's region through the
 * same write path as an import (save-chains.ts); when the template's code is taken (another
 * prefecture adopted it first) the caller names another code, and node codes follow it
 * (PV-U01 → PVHT-U01).
 */
import { AppError } from '../../domain/app-error';
import type { ChainContent } from '../../domain/chains/chain-content';
import { msg } from '../../domain/messages/catalog';
import { CHAIN_CODE_PATTERN } from '../../imports/chains/chain-rows';
import { listChainTemplates, readChainTemplateFile, type ChainTemplate } from '../../imports/chains/chain-templates';
import type { Caller, Deps } from '../context';
import { saveChainContents, type ChainSaveOutcome } from './save-chains';

export async function listTemplates() {
  const templates = await listChainTemplates();
  return templates.map((t) => ({
    code: t.code,
    name: t.name,
    fileName: t.fileName,
    nodeCount: t.nodes.length,
    segments: {
      upstream: t.nodes.filter((n) => n.segment === 'upstream').length,
      midstream: t.nodes.filter((n) => n.segment === 'midstream').length,
      downstream: t.nodes.filter((n) => n.segment === 'downstream').length,
    },
  }));
}

async function getTemplate(code: string): Promise<ChainTemplate> {
  const t = (await listChainTemplates()).find((x) => x.code === code.trim().toUpperCase());
  if (!t) throw new AppError('NOT_FOUND', msg('chains.templateNotFound', { code }));
  return t;
}

/** The template's CSV as shipped, to edit and import. */
export async function readTemplateFile(code: string): Promise<{ fileName: string; bytes: Buffer }> {
  const t = await getTemplate(code);
  return { fileName: t.fileName, bytes: await readChainTemplateFile(t.fileName) };
}

/** The template under another chain code: node codes that start with the template's code take the new one. */
export function recodeTemplate(template: ChainContent, code: string): ChainContent {
  if (code === template.code) return template;
  const recode = (c: string) => (c.startsWith(`${template.code}-`) ? `${code}${c.slice(template.code.length)}` : `${code}-${c}`);
  return {
    code,
    name: template.name,
    nodes: template.nodes.map((n) => ({ ...n, code: recode(n.code), parentCode: n.parentCode ? recode(n.parentCode) : null })),
  };
}

export async function adoptTemplate(
  deps: Deps,
  caller: Caller,
  templateCode: string,
  opts: { chainCode?: string; regionCode?: string | null } = {},
): Promise<ChainSaveOutcome> {
  const template = await getTemplate(templateCode);
  const chainCode = (opts.chainCode ?? template.code).trim().toUpperCase();
  if (!CHAIN_CODE_PATTERN.test(chainCode)) {
    throw new AppError('VALIDATION', msg('chains.codeFormat', { value: chainCode }), [{ field: 'chainCode', message: msg('chains.codeFormat', { value: chainCode }) }]);
  }
  const content = recodeTemplate(template, chainCode);
  return deps.db.transaction(async (tx) => {
    const saved = await saveChainContents(tx, caller, {
      contents: [content],
      source: 'template',
      sourceName: template.code,
      templateCode: template.code,
      definingRegionCode: opts.regionCode ?? caller.actor.regionCode,
    });
    const first = saved.problems[0];
    if (first) {
      const taken = saved.problems.some((p) => p.column === '节点编码') || first.reason.key === 'chains.otherRegion';
      // the template's code (or a node code) is another region's chain: name another code
      if (taken) throw new AppError('CONFLICT', msg('chains.codeTaken', { code: chainCode }), [{ field: 'chainCode', message: first.reason }]);
      throw new AppError('FORBIDDEN', first.reason);
    }
    return saved.outcomes[0]!;
  });
}
