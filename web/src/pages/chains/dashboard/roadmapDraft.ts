/** The roadmap editor's draft: one entry per node with a goal, turned into the PUT body; and which items are overdue. */
import type { RoadmapBody, RoadmapItem } from '../../../api/chain-roadmap';

export type Goal = RoadmapItem['goal'];

export const GOALS: readonly Goal[] = ['extend', 'fill', 'strengthen'];

export const GOAL_COLORS: Record<Goal, string> = { extend: 'purple', fill: 'red', strengthen: 'blue' };

export interface DraftItem {
  goal: Goal;
  ownerId: string | null;
  /** the owner's name as the roadmap answered it, so the picker shows it before any search */
  ownerName: string | null;
  dueOn: string | null;
  note: string;
}

export type Draft = ReadonlyMap<string, DraftItem>;

/** The roadmap's items on nodes of the current version (the server refuses the others). */
export function draftOf(items: readonly RoadmapItem[]): Map<string, DraftItem> {
  return new Map(
    items
      .filter((i) => i.inCurrentVersion)
      .map((i) => [i.nodeCode, { goal: i.goal, ownerId: i.owner?.id ?? null, ownerName: i.owner?.displayName ?? null, dueOn: i.dueOn, note: i.note ?? '' }]),
  );
}

export function bodyOf(revision: string, draft: Draft): RoadmapBody {
  return {
    revision,
    items: [...draft.entries()].map(([node, d]) => ({ node, goal: d.goal, ownerId: d.ownerId, dueOn: d.dueOn, note: d.note.trim() || null })),
  };
}

/** How many nodes differ between the saved roadmap and the draft (added, removed or changed). */
export function countChanges(saved: Draft, draft: Draft): number {
  const same = (a: DraftItem, b: DraftItem) => a.goal === b.goal && a.ownerId === b.ownerId && a.dueOn === b.dueOn && a.note.trim() === b.note.trim();
  let n = 0;
  for (const [code, d] of draft) {
    const s = saved.get(code);
    if (!s || !same(s, d)) n += 1;
  }
  for (const code of saved.keys()) if (!draft.has(code)) n += 1;
  return n;
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An item is overdue once its due date has passed (the due day itself is still on time). */
export function isOverdue(dueOn: string | null | undefined, on: string): boolean {
  return !!dueOn && dueOn < on;
}
