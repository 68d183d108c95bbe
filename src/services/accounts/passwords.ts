/** Password hashing (argon2id) behind two functions, so the algorithm lives in one place. */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id; the const enum is not importable under isolatedModules

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * The hash an unknown user name is checked against, so its login spends one verification like a real
 * one. A fixed argon2id hash with the parameters of hashPassword (of a random string nobody knows):
 * computing it on first use would make the first unknown-name login twice as slow as the others.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c1i+DyaYQvRMbFr4d1M35A$zYIBTu/WOoQOD1MjexYyeTgVgqjrFFk/wz4udK4OdE4';

export async function dummyPasswordHash(): Promise<string> {
  return DUMMY_HASH;
}
