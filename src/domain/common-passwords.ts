/**
 * Passwords that guessing attacks try first: the world's most used ones, the Chinese-typical ones
 * (numbers that read as 我爱你 / 一生一世, QQ and pinyin forms, keyboard walks) and the names of
 * this product and its demo. A password is refused when, case-insensitively and after undoing
 * simple variants (l33t letters, digits or symbols added before or after, a year), it is one of
 * these or is built only from them.
 */

const WORDS = `
123456 1234567 12345678 123456789 1234567890 0123456789 12345 1234 123123 123321 654321 7654321 87654321 987654321
111111 1111111 11111111 000000 00000000 222222 333333 444444 555555 666666 6666666 66666666 777777 888888 8888888
88888888 999999 99999999 112233 121212 123654 147258 147258369 159357 159753 1314520 1314521 5201314 520520 5211314
521521 201314 7758521 7758258 1qazwsx 1qaz@wsx 123qwe 123qweasd 123qweasdzxc 1qaz2wsx 1qaz2wsx3edc 1q2w3e4r 1q2w3e4r5t 1q2w3e 2wsx3edc
qazwsx qazwsxedc qweasd qweasdzxc qwerty qwertyuiop qwert qwer1234 asdfgh asdfghjkl asdf1234 zxcvbn zxcvbnm zxc123
asd123 qwe123 abc123 abcd1234 abc12345 abcdef abcdefg a123456 a12345678 a123456789 aa123456 aa12345678 aaa111 aaaaaa
123456a 123456aa 123456abc 12345678a 123abc q123456 qq123456 qq5201314 qq123 woaini woaini1314 woaini520 woaini521
woaini123 iloveyou iloveyou1314 5201314a wodemima mima mima123 mima1234 mimamima nihao nihao123 wohenhao zhongguo
china china123 beijing shanghai xinjiang wulumuqi urumqi tianshan hello hello123 welcome welcome1 letmein monkey
dragon master shadow sunshine princess football baseball superman batman trustno1 whatever freedom starwars
password password1 password12 password123 passw0rd passwd pass pass123 pass1234 p@ssw0rd p@ssword admin admin1
admin12 admin123 admin888 admin1234 administrator root root123 toor system system123 sysadmin secadmin auditor
manager guest test test123 test1234 tester demo demo123 user user123 changeme default secret login qwerty123
qwerty1 iloveu love love123 lovely abc abcabc asdasd qweqwe zxczxc 147852 147852369 258369 369258 741852 963852
741852963 159951 753951 5841314520 caonima wangyang wangjian zhangwei liwei zhangjie liuyang chenjie yangyang
wang zhang li liu chen yang huang zhao zhou wu xu sun ma hu zhu guo he lin gao luo zheng liang xie tang han
feng dong xiao cheng cao yuan deng
yinfeng yinfeng2026 zhaoshang zhaoshangyinzi touzi yinzi zhengfu gov government tongji tongjiju shuju
`;

/** Every entry lower-case; the l33t-undone form is added too. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).flatMap((w) => [w, undoLeet(w)]));

/** Short surnames and words count only as a whole password, not as the core of a longer one. */
const MIN_CORE_LENGTH = 4;

function undoLeet(s: string): string {
  return s.replace(/@/g, 'a').replace(/0/g, 'o').replace(/[1!|]/g, 'i').replace(/3/g, 'e').replace(/[$5]/g, 's').replace(/7/g, 't').replace(/4/g, 'a');
}

/** The password with digits and symbols before and after removed: "Password@2026!" → "password". */
function coreWord(lower: string): string {
  return lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
}

/** True when the password is a common one or a simple variant of one (see the file header). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const compact = lower.replace(/[\s._\-@#!$%^&*+=~]+/g, '');
  const candidates = new Set([lower, compact, undoLeet(lower), undoLeet(compact)]);
  const core = coreWord(lower);
  if (core.length >= MIN_CORE_LENGTH) {
    candidates.add(core);
    candidates.add(core.replace(/[^a-z]+/g, ''));
  }
  const leetCore = coreWord(undoLeet(lower));
  if (leetCore.length >= MIN_CORE_LENGTH) candidates.add(leetCore);
  // a common word or number with a year or a short number around it: "Woaini@1314", "qq123456!"
  const stripped = lower.replace(/(19|20)\d{2}$/, '').replace(/[^a-z0-9]+$/, '').replace(/^[^a-z0-9]+/, '');
  if (stripped.length >= MIN_CORE_LENGTH) candidates.add(stripped);
  for (const c of candidates) if (COMMON_PASSWORDS.has(c)) return true;
  // only digits, or one character repeated
  if (/^\d+$/.test(lower) || /^(.)\1+$/.test(lower)) return true;
  return false;
}
