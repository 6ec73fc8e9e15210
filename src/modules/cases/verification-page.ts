/**
 * The public page `/verifica/<code>` that a consulate or an employer opens from the QR code of a document:
 * server-rendered HTML, readable without JavaScript, that says whether the document is authentic and shows
 * its key fields, nothing more. `/verifica` alone offers a form to type a code.
 */
import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { type Verification, verify } from './receipts.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `
body{font-family:"Titillium Web",system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.5}
header{background:#0066cc;color:#fff;padding:1rem 1.25rem}header p{margin:0;font-size:1.1rem;font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:0 1.25rem}
.card{background:#fff;border-radius:4px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.ok{border-left:6px solid #008758}.ko{border-left:6px solid #d9364f}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:1rem 0 0}dt{font-weight:600}dd{margin:0}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{font:inherit;padding:.5rem;width:100%;max-width:20rem;box-sizing:border-box;border:1px solid #5c6f82}
button{font:inherit;margin-top:.75rem;padding:.5rem 1.25rem;background:#0066cc;color:#fff;border:0;border-radius:4px}
a{color:#0059b3}:focus{outline:3px solid #f90;outline-offset:2px}`;

// Inline, so that the page needs no other request (and no favicon.ico that is not there).
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230066cc'/%3E%3C/svg%3E";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} – Prefettura di Lodi</title><meta name="robots" content="noindex">
<link rel="icon" href="${ICON}"><style>${STYLE}</style></head>
<body><header><p>Prefettura di Lodi – Sportello Unico per l’Immigrazione</p></header>
<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const FORM = `<form method="get" action="/verifica"><label for="codice">Codice di verifica</label>
<input id="codice" name="codice" autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX" required>
<button type="submit">Verifica</button></form>`;

function resultHtml(result: Verification, code: string): string {
  if (!result.valid)
    return `<div class="card ko" role="alert"><h2>Documento non trovato</h2>
<p>Il codice <strong>${escapeHtml(code)}</strong> non corrisponde a nessun documento rilasciato da questo ufficio.
Controlli di averlo trascritto correttamente.</p></div><p>Prova un altro codice:</p>${FORM}`;
  const rows: [string, string][] = [
    ['Documento', result.document],
    ['Numero', result.number],
    ['Data', new Date(`${result.issuedOn}T12:00:00Z`).toLocaleDateString('it-IT', { dateStyle: 'long' })],
    ['Rilasciato da', result.issuer],
    ['Procedimento', result.subject],
    ['Stato', result.state],
    ...(result.validUntil
      ? ([
          [
            'Valido fino al',
            new Date(`${result.validUntil}T12:00:00Z`).toLocaleDateString('it-IT', { dateStyle: 'long' }),
          ],
        ] as [string, string][])
      : []),
  ];
  return `<div class="card ok" role="status"><h2>Documento autentico</h2>
<p>Il documento con questo codice è stato rilasciato dall’ufficio e corrisponde ai dati seguenti.</p>
<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl></div>`;
}

export function registerVerificationPage(app: LovitApp, platform: Platform): void {
  const limit = { max: 30, timeWindow: 60_000 };
  app.get(
    '/verifica',
    {
      config: { access: 'public', rateLimit: limit },
      schema: { hide: true, querystring: z.object({ codice: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const code = request.query.codice?.trim();
      if (code) return reply.redirect(`/verifica/${encodeURIComponent(code)}`, 303);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Verifica di un documento',
            `<p>Inserisca il codice stampato sul documento, vicino al codice QR.</p>${FORM}`,
          ),
        );
    },
  );
  app.get(
    '/verifica/:code',
    {
      config: { access: 'public', rateLimit: limit },
      schema: { hide: true, params: z.object({ code: z.string().max(40) }) },
    },
    async (request, reply) => {
      const result = await verify(platform, request.caller, request.params.code);
      return reply
        .code(result.valid ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(page('Verifica di un documento', resultHtml(result, request.params.code)));
    },
  );
}
