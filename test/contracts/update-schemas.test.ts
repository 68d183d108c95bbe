/**
 * An update (PATCH) body names only what changes. zod 4 applies a field's `.default()` even inside
 * `.partial()`, so an update schema derived from a create schema with defaults would fill the missing
 * fields with them — a PATCH renaming a team emptied its members and reopened it (fixed in session 12).
 * Every update/change schema of src/contracts/ must give back exactly what was sent.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(__dirname, '../../src/contracts');

interface Parser {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

const isParser = (v: unknown): v is Parser => typeof v === 'object' && v !== null && typeof (v as Parser).safeParse === 'function';

async function collectUpdateSchemas(): Promise<[string, Parser][]> {
  const found: [string, Parser][] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (/(Update|Change|Patch)\w*Schema$/.test(name) && isParser(value)) found.push([`${file} ${name}`, value]);
    }
  }
  return found;
}

describe('update schemas', () => {
  it('add no defaulted field to a body that names only its version', async () => {
    const schemas = await collectUpdateSchemas();
    expect(schemas.length).toBeGreaterThan(5);
    const filled: string[] = [];
    for (const [name, schema] of schemas) {
      const r = schema.safeParse({ version: 1 });
      if (!r.success) continue; // the schema needs more than a version (a reason, a field to change): nothing filled in
      const keys = Object.keys(r.data as object).filter((k) => k !== 'version');
      if (keys.length > 0) filled.push(`${name}: ${keys.join(', ')}`);
    }
    expect(filled).toEqual([]);
  });
});
