/**
 * What every plugin of the LRS shares: the request's credential, organisation store and xAPI
 * version, the route options the kernel reads (`config.scopes`), and the contexts the feature
 * plugins are registered with.
 */
import type { FastifyRequest } from 'fastify';
import type { LrsConfig } from '../config.ts';
import type { Credential, LrsBackend, TenantStore } from '../storage/backend.ts';
import { HttpError } from './errors.ts';
import type { StatementEvents } from './statement-events.ts';
import type { XapiVersion } from './xapi-version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, as registered (HEAD routes Fastify adds for GET included). */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    credential?: Credential;
    /** The records of the credential's organisation: the xAPI routes' only way to storage. */
    store?: TenantStore;
    xapiVersion: XapiVersion;
  }
  interface FastifyContextConfig {
    /** Scopes any one of which allows the route; absent means no credential is needed. */
    scopes?: readonly string[];
  }
}

/** A route the server answers, as registered: the route × role matrix test is generated from these. */
export interface RouteEntry {
  method: string;
  url: string;
  /** The credential scopes the route takes (xAPI resources); absent for dashboard and public routes. */
  scopes?: readonly string[];
  /** A dashboard route: it needs a signed-in session (see http/dashboard-session.ts). */
  session?: boolean;
}

/** What the dashboard plugins get: the whole backend (their own rules decide what an account sees). */
export interface RouteContext {
  backend: LrsBackend;
  config: LrsConfig;
}

/** What the xAPI resource plugins get: settings, no storage (that is request.store). */
export interface XapiContext {
  config: LrsConfig;
  /** Told of every statement stored (see statement-events.ts). */
  events?: StatementEvents;
}

/** The organisation's store of an authenticated xAPI request. */
export function storeOf(request: FastifyRequest): TenantStore {
  if (!request.store) throw new HttpError(401, 'credentials are required');
  return request.store;
}
