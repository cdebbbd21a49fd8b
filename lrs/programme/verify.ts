/**
 * The public verification page for programme certificates (no sign-in): `/verify/<code>` says
 * whether a certificate with that code was issued, and when; nothing else (no name, no
 * organisation, no learner). Guessing is slowed by the per-address limit and pointless: a code
 * has 60 bits of chance.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteContext } from '../http/context.ts';
import { escapeHtml } from '../../core/html.ts';
import { codeHash } from './routes.ts';

const STYLE = `body{font:17px/1.55 system-ui,sans-serif;color:#1b1b1f;max-width:40rem;margin:0 auto;padding:2rem 1.25rem}
h1{color:#0b4f8c;font-size:1.6rem}label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input{font:inherit;padding:.5rem;border:1px solid #6b6b78;border-radius:.25rem;min-width:14rem}
button{font:inherit;padding:.5rem 1rem;margin-left:.5rem;border:0;border-radius:.25rem;background:#0b4f8c;color:#fff;min-height:2.75rem}
:focus-visible{outline:3px solid #0b4f8c;outline-offset:2px}.valid{border-left:6px solid #1a7f37;padding:.5rem 1rem}.invalid{border-left:6px solid #b42318;padding:.5rem 1rem}`;

function page(body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify an INPROCAP certificate</title><style>${STYLE}</style></head>
<body><main>
<h1>Verify an INPROCAP certificate</h1>
${body}
<form method="get" action="/verify">
<label for="code">Verification code (printed on the certificate)</label>
<input id="code" name="code" autocomplete="off" spellcheck="false" maxlength="40" required><button type="submit">Check</button>
</form>
</main></body></html>
`;
}

const CODE = /^[0-9A-Za-z-]{12,40}$/;

export async function verifyRoutes(app: FastifyInstance, { backend }: RouteContext): Promise<void> {
  const answer = async (reply: FastifyReply, code: string | undefined) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (code === undefined || code === '') return reply.send(page('<p>Enter the code printed on a certificate to check that INPROCAP issued it.</p>'));
    const certificate = CODE.test(code) ? await backend.findCertificate(codeHash(code)) : undefined;
    if (!certificate) {
      return reply.code(404).send(page(`<p class="invalid" role="status">No certificate has the code <strong>${escapeHtml(code.slice(0, 40))}</strong>. Check the code as printed.</p>`));
    }
    return reply.send(
      page(`<p class="valid" role="status">Valid: the certificate with the code <strong>${escapeHtml(code.toUpperCase())}</strong> was issued on ${escapeHtml(certificate.issued)} for completing the INPROCAP training programme in innovation procurement.</p>`),
    );
  };
  app.get('/verify', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { code: { type: 'string', maxLength: 40 } } } } }, async (request, reply) =>
    answer(reply, (request.query as { code?: string }).code?.trim()),
  );
  app.get('/verify/:code', { schema: { params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 40 } } } } }, async (request, reply) =>
    answer(reply, (request.params as { code: string }).code),
  );
}
