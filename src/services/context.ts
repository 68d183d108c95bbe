/** What a service needs to know about who calls it and from where. */
import type { Config } from '../config/config';
import type { Db } from '../db/client';
import type { Lang } from '../domain/messages/catalog';
import type { Permission, Role } from '../domain/roles';
import { PERMISSIONS } from '../domain/roles';

export interface Deps {
  db: Db;
  config: Config;
}

export interface Actor {
  /** null for the machine operator using the CLI */
  id: string | null;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  regionCode: string | null;
  /** materialised path of the home region; "/" for the CLI operator (whole installation) */
  regionPath: string;
}

export interface RequestMeta {
  clientIp: string | null;
  requestId: string | null;
  userAgent?: string | null;
  /** the language of the answer's texts (light reasons, checklists); Chinese when absent (the CLI) */
  lang?: Lang;
}

export interface Caller extends RequestMeta {
  actor: Actor;
  /**
   * The request's idempotency key (HTTP `Idempotency-Key`) and its fingerprint: the first audited change of the
   * request claims it in the same transaction (services/idempotency), so a retry never applies twice.
   */
  idempotency?: { key: string; fingerprint: string } | null;
}

/** The operator at the machine (CLI): full scope, audited under the OS user name. */
export function createSystemCaller(name: string): Caller {
  return {
    actor: {
      id: null,
      username: `cli:${name}`,
      displayName: `命令行 (${name})`,
      roles: [],
      permissions: [...PERMISSIONS],
      regionCode: null,
      regionPath: '/',
    },
    clientIp: null,
    requestId: null,
  };
}
