/**
 * Attachments: matching the parts of a multipart request to the statements' attachment
 * declarations by SHA-2, and checking signed statements (JWS, RS256/384/512).
 */
import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import type { Part } from './multipart.ts';
import { ValidationError } from '../http/errors.ts';
import { canonicalJson } from './canonical-json.ts';

type Json = Record<string, any>;

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

export interface AttachmentContent {
  sha2: string;
  contentType: string;
  content: Buffer;
}

function declared(statements: Json[]): { statementIndex: number; attachment: Json }[] {
  const list: { statementIndex: number; attachment: Json }[] = [];
  statements.forEach((statement, statementIndex) => {
    for (const attachment of statement.attachments ?? []) list.push({ statementIndex, attachment });
    for (const attachment of statement.object?.objectType === 'SubStatement' ? (statement.object.attachments ?? []) : []) list.push({ statementIndex, attachment });
  });
  return list;
}

/**
 * Checks that every declared attachment without a fileUrl has its part and every part is
 * declared, verifies signatures, and returns the contents to store.
 */
export function matchAttachments(statements: Json[], parts: Part[]): AttachmentContent[] {
  const bySha = new Map<string, Part>();
  parts.forEach((part, i) => {
    const sha2 = part.headers['x-experience-api-hash'];
    if (!sha2) throw new ValidationError(`attachment part ${i + 1}`, 'has no X-Experience-API-Hash header');
    const encoding = part.headers['content-transfer-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary') throw new ValidationError(`attachment part ${i + 1}`, 'Content-Transfer-Encoding must be binary');
    bySha.set(sha2.toLowerCase(), part);
  });
  const used = new Set<string>();
  for (const { statementIndex, attachment } of declared(statements)) {
    const sha2 = String(attachment.sha2).toLowerCase();
    const part = bySha.get(sha2);
    if (!part) {
      if (attachment.fileUrl === undefined) throw new ValidationError(`statements[${statementIndex}].attachments`, `attachment ${sha2} has neither a fileUrl nor a part in the request`);
      continue;
    }
    used.add(sha2);
    if (attachment.usageType === SIGNATURE_USAGE) verifySignature(statements[statementIndex]!, attachment, part, statementIndex);
  }
  for (const sha2 of bySha.keys()) if (!used.has(sha2)) throw new ValidationError('attachments', `part ${sha2} is not declared by any statement`);
  return [...bySha].map(([sha2, part]) => ({ sha2, contentType: part.headers['content-type'] ?? attachmentType(statements, sha2), content: part.body }));
}

function attachmentType(statements: Json[], sha2: string): string {
  return declared(statements).find((d) => String(d.attachment.sha2).toLowerCase() === sha2)?.attachment.contentType ?? 'application/octet-stream';
}

/** Statements without JSON attachments: each declared, file-less attachment needs a part. */
export function requireNoInlineAttachments(statements: Json[]): void {
  for (const { statementIndex, attachment } of declared(statements)) {
    if (attachment.fileUrl === undefined) {
      throw new ValidationError(`statements[${statementIndex}].attachments`, `attachment ${attachment.sha2} has no fileUrl: send it in a multipart/mixed request`);
    }
  }
}

function base64urlJson(segment: string, what: string): Json {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('signature', `the JWS ${what} is not base64url-encoded JSON`);
  }
}

/** Compares what was signed with the statement, ignoring what the LRS or the signing adds. */
function signedView(statement: Json): string {
  const { attachments: _a, authority: _au, stored: _s, version: _v, id, ...rest } = statement;
  const view: Json = { ...rest, ...(id ? { id: String(id).toLowerCase() } : {}) };
  // Durations are compared to the hundredth of a second (xAPI 2.0).
  if (typeof view.result?.duration === 'string') {
    view.result = { ...view.result, duration: view.result.duration.replace(/(\.\d{2})\d+S$/, '$1S').replace(/\.(\d)S$/, '.$10S') };
  }
  return canonicalJson(view);
}

function verifySignature(statement: Json, attachment: Json, part: Part, index: number): void {
  const path = `statements[${index}] signature`;
  if (attachment.contentType !== 'application/octet-stream') throw new ValidationError(path, 'a signature attachment must have contentType application/octet-stream');
  const segments = part.body.toString('utf8').trim().split('.');
  if (segments.length !== 3) throw new ValidationError(path, 'is not a JWS in compact serialisation');
  const [headerPart, payloadPart, signaturePart] = segments as [string, string, string];
  const header = base64urlJson(headerPart, 'header');
  const algorithms: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
  const hash = algorithms[String(header.alg)];
  if (!hash) throw new ValidationError(path, `algorithm "${String(header.alg)}" is not RS256, RS384 or RS512`);
  const payload = base64urlJson(payloadPart, 'payload');
  if (signedView(payload) !== signedView(statement)) throw new ValidationError(path, 'the signed payload does not match the statement');
  if (Array.isArray(header.x5c) && header.x5c.length) {
    let key;
    try {
      key = new X509Certificate(Buffer.from(String(header.x5c[0]), 'base64')).publicKey;
    } catch {
      try {
        key = createPublicKey({ key: Buffer.from(String(header.x5c[0]), 'base64'), format: 'der', type: 'spki' });
      } catch {
        throw new ValidationError(path, 'the x5c certificate cannot be read');
      }
    }
    const ok = verify(hash, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
    if (!ok) throw new ValidationError(path, 'the signature does not verify with the x5c certificate');
  }
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
