/**
 * What a clock is (通知时钟): a module that looks at the data as of `today` and says who should hear
 * about which object in which state. The runner (run-clocks.ts) drops recipients outside the object's
 * region, then inserts each draft once per recipient, object and state (notifications_once_idx):
 * running the clocks again raises nothing new until an object reaches a new state.
 */
import type { AftercareSettings } from '../../domain/aftercare/follow-ups';
import type { WorkingCalendar } from '../../domain/working-days';
import type { Deps } from '../context';
import type { RecipientFinder } from './recipients';

export interface NotificationDraft {
  recipientIds: readonly string[];
  /** the clock's kind (shown as the notification's type; a filter of the notification centre) */
  kind: string;
  objectType: string;
  objectId: string;
  /** the object's state this draft reports; a new state (a new due date, an escalation) notifies again */
  stateKey: string;
  /** the object's region and its path: a recipient must have it in scope */
  regionCode: string;
  regionPath: string;
  title: string;
  body: string;
  link: string | null;
}

export interface ClockContext {
  deps: Deps;
  /** YYYY-MM-DD in Asia/Shanghai */
  today: string;
  calendar: WorkingCalendar;
  settings: AftercareSettings;
  recipients: RecipientFinder;
}

export interface Clock {
  /** the kinds this clock raises (documentation and the web's labels) */
  kinds: readonly string[];
  evaluate(ctx: ClockContext): Promise<NotificationDraft[]>;
}
