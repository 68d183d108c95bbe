/** What the weights are fitted on: each target's feature values at its claim and how far it got; staff feedback. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';


export interface TargetOutcomeRow {
  features: unknown;
  claimed_at: Date | string;
  status: string;
  /** reached visited, negotiating or signed at some time */
  progressed: boolean;
}

export async function selectTargetOutcomes(db: Db): Promise<TargetOutcomeRow[]> {
  return selectRows<TargetOutcomeRow>(
    db,
    sql`select t.features, t.created_at as claimed_at, t.status,
          exists (select 1 from target_events ev where ev.target_id = t.id and ev.status in ('visited', 'negotiating', 'signed')) as progressed
        from targets t order by t.created_at, t.id`,
  );
}

export interface FeedbackRow {
  region_code: string;
  node_code: string;
  chain_code: string;
  enterprise_id: string;
  kind: 'irrelevant' | 'contacted' | 'goodLead';
  created_at: Date | string;
}

/** Feedback that says something about a candidate (好线索, 不相关), oldest first. */
export async function selectTellingFeedback(db: Db): Promise<FeedbackRow[]> {
  return selectRows<FeedbackRow>(
    db,
    sql`select f.region_code, f.node_code, c.code as chain_code, f.enterprise_id, f.kind, f.created_at
          from target_feedback f join chain_node_codes nc on nc.code = f.node_code join chains c on c.id = nc.chain_id
         where f.kind in ('irrelevant', 'goodLead') order by f.created_at`,
  );
}
