/**
 * The council's public page `/consiglio-territoriale`: server-rendered HTML, readable without JavaScript, with
 * the tables and their member organisations, the summaries of the meetings the secretariat published, and the
 * initiatives.
 */
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { INITIATIVE_STATUSES } from './contract.ts';
import { type PublicCouncil, publicCouncil } from './public.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const day = (iso: string) =>
  new Date(iso).toLocaleDateString('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' });

const STYLE = `body{font-family:"Titillium Web",system-ui,sans-serif;margin:0;color:#1a1a1a;line-height:1.5}
header{background:#0066cc;color:#fff;padding:1rem 1.25rem}header p{margin:0;font-weight:600}
main{max-width:48rem;margin:1.5rem auto;padding:0 1.25rem}section{margin-top:2rem}
article{border-top:1px solid #c5c7c9;padding:.75rem 0}.prose{white-space:pre-wrap}
progress{width:12rem}a{color:#0059b3}:focus{outline:3px solid #f90;outline-offset:2px}`;

function render(council: PublicCouncil): string {
  const tables = council.tables
    .map(
      (
        t,
      ) => `<article><h3>${escapeHtml(t.name)}</h3><p>${escapeHtml(t.theme)} – coordinamento: ${escapeHtml(t.coordinator)}</p>
<p>${escapeHtml(t.mandate)}</p><p>Enti componenti: ${escapeHtml(t.members.join(', ') || 'nessuno')}</p></article>`,
    )
    .join('');
  const summaries = council.summaries
    .map(
      (m) => `<article><h3>${escapeHtml(m.tableName)} – seduta del ${day(m.startsAt)}</h3>
<p class="prose">${escapeHtml(m.text)}</p></article>`,
    )
    .join('');
  const initiatives = council.initiatives
    .map(
      (
        i,
      ) => `<article><h3>${escapeHtml(i.title)}</h3><p>${escapeHtml(i.tableName)} – ${INITIATIVE_STATUSES[i.status]},
dal ${day(i.startsOn)} al ${day(i.endsOn)}</p><p>${escapeHtml(i.objective)}</p>
<p><label>Avanzamento: ${i.progress}% <progress max="100" value="${i.progress}">${i.progress}%</progress></label></p></article>`,
    )
    .join('');
  return `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Consiglio territoriale per l’immigrazione – Prefettura di Lodi</title><style>${STYLE}</style></head>
<body><header><p>Prefettura di Lodi – Ufficio Territoriale del Governo</p></header>
<main><h1>Consiglio territoriale per l’immigrazione</h1>
<p>Il Consiglio analizza i bisogni del territorio e promuove gli interventi da realizzare a livello locale (art. 3 c. 6 D.Lgs. 286/1998).</p>
<section aria-labelledby="tavoli"><h2 id="tavoli">Plenaria e tavoli tematici</h2>${tables || '<p>Nessun tavolo istituito.</p>'}</section>
<section aria-labelledby="sedute"><h2 id="sedute">Sintesi delle sedute</h2>${summaries || '<p>Nessuna sintesi pubblicata.</p>'}</section>
<section aria-labelledby="iniziative"><h2 id="iniziative">Iniziative</h2>${initiatives || '<p>Nessuna iniziativa.</p>'}</section>
</main></body></html>`;
}

export function registerPublicCouncilPage(app: LovitApp, platform: Platform): void {
  app.get(
    '/consiglio-territoriale',
    { config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(render(await publicCouncil(platform))),
  );
}
