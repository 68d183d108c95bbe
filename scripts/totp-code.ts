/**
 * Prints the current TOTP code (动态口令) of a Base32 secret, by default the demo administrators'
 * published secret, with the seconds it stays valid. For trying the demo without an authenticator app:
 *
 *   npx tsx scripts/totp-code.ts            # demo sysadmin / secadmin / auditor
 *   npx tsx scripts/totp-code.ts BASE32KEY
 */
import { DEMO_TOTP_SECRET } from '../src/seed/demo';
import { generateTotpCode, normaliseTotpSecret } from '../src/services/accounts/second-factor';

const secret = normaliseTotpSecret(process.argv[2] ?? DEMO_TOTP_SECRET);
if (!secret) {
  console.error('密钥须为 16–64 位 Base32（A–Z、2–7）');
  process.exit(2);
}
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${generateTotpCode(secret)}  （${left} 秒内有效；每个时间窗口的动态口令只能使用一次）`);
