/** A Drizzle handle that also records, as text and parameters, each statement sent through execute() (also inside transactions). */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/db/client';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export function captureStatements(db: Db, out: CapturedStatement[]): Db {
  const dialect = new PgDialect();
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'execute')
        return (q: SQL) => {
          out.push(dialect.sqlToQuery(q));
          return target.execute(q);
        };
      if (key === 'transaction')
        return (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
          (target.transaction as (f: (tx: Db) => Promise<unknown>, c?: unknown) => Promise<unknown>)((tx) => fn(captureStatements(tx, out)), config);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
