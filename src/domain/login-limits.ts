/**
 * Limits on login attempts, on top of the account lock of the security policy (maxFailedLogins,
 * lockMinutes). Counted over a sliding window of failed attempts (wrong password, wrong or missing
 * second-factor code, unknown user, locked or disabled account):
 * - per client address: stops one machine from guessing across many accounts (and from locking them);
 * - per user name (existing or not, so the reply tells nothing about existence): stops many machines
 *   from guessing one account's password after its lock period ends.
 * Over a limit the reply is 429 with Retry-After, before any password is checked.
 * A browser that signed in to the account before (device cookie) is exempt from the per-account limit
 * and from the lock, so strangers' failures can't keep the owner out.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const ADDRESS_MAX_FAILURES = 30;
export const ACCOUNT_MAX_FAILURES = 10;
/** failures through a known browser before it loses that standing */
export const DEVICE_MAX_FAILURES = 5;
