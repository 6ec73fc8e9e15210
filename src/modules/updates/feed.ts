/**
 * The published legal updates as an Atom 1.0 feed (RFC 4287) for the staff's feed readers, the newest act
 * first. Every text is escaped for XML; characters XML cannot carry are dropped.
 */
import type { Caller } from '../../kernel/auth.ts';
import type { Platform } from '../../kernel/platform.ts';
import { actorOf } from './service.ts';
import * as store from './store.ts';

/** How many updates the feed carries: the most recent ones. */
const FEED_SIZE = 50;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an XML element or attribute. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] as string);
}

export async function updatesFeed(platform: Platform, caller: Caller): Promise<string> {
  const actor = actorOf(caller);
  const base = platform.config.publicUrl.replace(/\/$/, '');
  const { rows } = await store.updatesPage(
    platform.database.db,
    { readerId: actor.userId, withDrafts: false, unread: false, pendingChange: false },
    { page: 1, pageSize: FEED_SIZE },
  );
  const stamp = (row: store.UpdateRow) => (row.publishedAt ?? row.updatedAt).toISOString();
  const updated = new Date(
    Math.max(0, ...rows.map((row) => (row.publishedAt ?? row.updatedAt).getTime())),
  ).toISOString();
  const entries = rows.map(
    (row) => `  <entry>
    <id>urn:uuid:${row.id}</id>
    <title>${xmlText(row.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(`${base}/novita-normative/${row.id}`)}"/>
    <published>${stamp(row)}</published>
    <updated>${stamp(row)}</updated>
    <author><name>${xmlText(row.authority)}</name></author>
    <summary type="text">${xmlText(row.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">
  <id>${xmlText(`${base}/api/legal-updates/feed.atom`)}</id>
  <title>Novità normative</title>
  <link rel="self" type="application/atom+xml" href="${xmlText(`${base}/api/legal-updates/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(`${base}/novita-normative`)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
