/**
 * The claims of an LTI 1.3 message (LTI Core 1.3 §5, Deep Linking 2.0 §4, Assignment and Grade
 * Services 2.0 §3), read from a verified id_token into a typed launch: what the tool needs, each
 * checked, with the claim named when it is missing or wrong.
 */
import { HttpError } from '../http/errors.ts';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIMS = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  launchPresentation: `${LTI}launch_presentation`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  deepLinkingContentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

export const AGS_SCOPES = {
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  result: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
} as const;

/** Where grades go for a launch (the AGS endpoint claim). */
export interface GradeService {
  scopes: string[];
  /** The line item of the launch's resource link, when the platform made one (deep linking asked it to). */
  lineitem?: string;
  /** The context's line items, to find or make one. */
  lineitems?: string;
}

interface Common {
  issuer: string;
  sub: string;
  deploymentId: string;
  /** The learner's LMS language (launch_presentation.locale), when it says. */
  locale?: string;
  contextId?: string;
}

export interface ResourceLaunch extends Common {
  kind: 'resource';
  resourceLinkId: string;
  resourceLinkTitle?: string;
  /** Custom parameters (deep linking sets `module` and `language`). */
  custom: Record<string, string>;
  targetLinkUri: string;
  grades?: GradeService;
}

export interface DeepLinkingLaunch extends Common {
  kind: 'deep-link';
  returnUrl: string;
  /** Echoed back unchanged in the answer. */
  data?: string;
  acceptMultiple: boolean;
}

export type LtiMessage = ResourceLaunch | DeepLinkingLaunch;

type Json = Record<string, unknown>;

function text(payload: Json, claim: string, required: true): string;
function text(payload: Json, claim: string, required?: false): string | undefined;
function text(payload: Json, claim: string, required = false): string | undefined {
  const value = payload[claim];
  if (typeof value === 'string' && value) return value;
  if (required) throw new HttpError(400, `the launch has no ${claim.replace(LTI, '')} claim (LTI 1.3 requires it)`);
  return undefined;
}

function object(payload: Json, claim: string): Json | undefined {
  const value = payload[claim];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The typed message of a verified id_token (signature, issuer, audience, expiry and nonce already checked). */
export function readMessage(payload: Json): LtiMessage {
  const version = text(payload, CLAIMS.version, true);
  if (version !== '1.3.0') throw new HttpError(400, `LTI version "${version}" is not 1.3.0`);
  const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
  if (!sub) throw new HttpError(400, 'the launch has no sub (the learner): anonymous launches are not supported, since progress and grades belong to a learner');
  const presentation = object(payload, CLAIMS.launchPresentation);
  const context = object(payload, CLAIMS.context);
  const common: Common = {
    issuer: String(payload.iss),
    sub,
    deploymentId: text(payload, CLAIMS.deploymentId, true),
    ...(typeof presentation?.locale === 'string' && presentation.locale ? { locale: presentation.locale } : {}),
    ...(typeof context?.id === 'string' ? { contextId: context.id } : {}),
  };
  const type = text(payload, CLAIMS.messageType, true);
  if (type === 'LtiResourceLinkRequest') {
    const link = object(payload, CLAIMS.resourceLink);
    if (!link || typeof link.id !== 'string' || !link.id) throw new HttpError(400, 'the launch has no resource_link.id claim (LTI 1.3 requires it)');
    const custom = Object.fromEntries(Object.entries(object(payload, CLAIMS.custom) ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const ags = object(payload, CLAIMS.agsEndpoint);
    const grades: GradeService | undefined = ags && {
      scopes: Array.isArray(ags.scope) ? ags.scope.filter((s): s is string => typeof s === 'string') : [],
      ...(typeof ags.lineitem === 'string' ? { lineitem: ags.lineitem } : {}),
      ...(typeof ags.lineitems === 'string' ? { lineitems: ags.lineitems } : {}),
    };
    return {
      kind: 'resource',
      ...common,
      resourceLinkId: link.id,
      ...(typeof link.title === 'string' ? { resourceLinkTitle: link.title } : {}),
      custom,
      targetLinkUri: text(payload, CLAIMS.targetLinkUri, true),
      ...(grades ? { grades } : {}),
    };
  }
  if (type === 'LtiDeepLinkingRequest') {
    const settings = object(payload, CLAIMS.deepLinkingSettings);
    const returnUrl = settings?.deep_link_return_url;
    if (typeof returnUrl !== 'string' || !returnUrl) throw new HttpError(400, 'the deep linking request has no deep_link_return_url');
    const accepts = Array.isArray(settings!.accept_types) ? settings!.accept_types : [];
    if (!accepts.includes('ltiResourceLink')) throw new HttpError(400, `the platform accepts ${accepts.join(', ') || 'no content types'} here, not the ltiResourceLink this tool offers`);
    return {
      kind: 'deep-link',
      ...common,
      returnUrl,
      ...(typeof settings!.data === 'string' ? { data: settings!.data } : {}),
      acceptMultiple: settings!.accept_multiple === true,
    };
  }
  throw new HttpError(400, `message type "${type}" is not one this tool handles (LtiResourceLinkRequest, LtiDeepLinkingRequest)`);
}
