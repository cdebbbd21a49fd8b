/**
 * multipart/mixed, as xAPI uses it for attachments: reading a request (statements first, then one
 * part per attachment named by X-Experience-API-Hash) and writing a response.
 */
import { randomBytes } from 'node:crypto';
import { ValidationError } from '../http/errors.ts';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new ValidationError('Content-Type', 'multipart/mixed needs a boundary parameter');
  return boundary;
}

/** Splits a multipart body into parts; throws a ValidationError for anything malformed. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new ValidationError('body', 'has no multipart boundary');
  while (true) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break; // closing delimiter
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    else if (body[position] === 0x0a) position += 1;
    const next = body.indexOf(delimiter, position);
    if (next < 0) throw new ValidationError('body', 'multipart body is not closed by its boundary');
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const chunk = body.subarray(position, end);
    let split = chunk.indexOf('\r\n\r\n');
    let gap = 4;
    if (split < 0) {
      split = chunk.indexOf('\n\n');
      gap = 2;
    }
    if (split < 0) throw new ValidationError('body', 'a multipart part has no header section');
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(0, split).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: chunk.subarray(split + gap) });
    position = next;
  }
  return parts;
}

export function buildMultipart(parts: Part[]): { contentType: string; body: Buffer } {
  const boundary = `inprocap-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headerLines = Object.entries(part.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    chunks.push(Buffer.from(`--${boundary}\r\n${headerLines}\r\n\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
