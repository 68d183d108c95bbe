/**
 * 招商方式 (DESIGN.md glossary `channel`): how a lead or project was brought in. The Chinese names
 * are those of the import column 招商方式; the longer spoken forms (以链招商, 委托招商 …) are accepted.
 */
export const PROJECT_CHANNELS = ['chain', 'partner', 'event', 'residentTeam', 'commissioned', 'online', 'direct'] as const;
export type ProjectChannel = (typeof PROJECT_CHANNELS)[number];

export const CHANNEL_LABELS: Record<ProjectChannel, string> = {
  chain: '以链',
  partner: '以商',
  event: '以会',
  residentTeam: '驻点',
  commissioned: '委托',
  online: '云招商',
  direct: '直接',
};

const BY_NAME = new Map<string, ProjectChannel>(PROJECT_CHANNELS.map((c) => [CHANNEL_LABELS[c], c]));

/** 以链 / 以链招商 / chain → 'chain'; null when the text names no channel. */
export function parseChannel(input: string): ProjectChannel | null {
  const s = input.trim();
  if ((PROJECT_CHANNELS as readonly string[]).includes(s)) return s as ProjectChannel;
  const exact = BY_NAME.get(s);
  if (exact) return exact;
  if (s === '云招商') return 'online';
  const short = s.endsWith('招商') ? s.slice(0, -2) : s;
  if (short === '网络' || short === '线上') return 'online';
  return BY_NAME.get(short) ?? null;
}
