/**
 * The press office: contacts kept with the legal basis for writing to them; releases written, reviewed by
 * someone other than their writer, then sent to chosen contacts through the e-mail outbox, each message with
 * a link that unsubscribes in one click (`List-Unsubscribe`, `List-Unsubscribe-Post`); a sent release is
 * public in the press area.
 */
import type { z } from 'zod';
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import { announceQueuedMail, queueMail } from '../../../kernel/mail-outbox.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { checkLink, signLink, warmLinkSigning } from '../../../kernel/signed-links.ts';
import { auditRead, NothingToDo, writeTransaction } from '../../../kernel/transaction.ts';
import type {
  pressContactInput,
  pressContactsQuery,
  pressReleaseInput,
  pressSendInput,
} from '../contract.ts';
import { bodyProblems, escapeHtml, renderBody } from '../news/markdown.ts';
import { FUNDING_STATEMENT } from './kit.ts';
import * as store from './store.ts';

const RELEASE_NOT_FOUND = 'Il comunicato non esiste.';
const CONTACT_NOT_FOUND = 'Il contatto non esiste.';
/** What an unsubscription link signs: nothing else accepts its token. */
const UNSUBSCRIBE = 'press-unsubscribe';
/** An unsubscription link keeps working for years: a release may be read long after it was sent. */
const UNSUBSCRIBE_LINK_MS = 5 * 366 * 24 * 3_600_000;
export const RELEASE_TOPIC = 'outreach.press-release';

function manager(caller: Caller): Actor {
  if (!caller.actor || !hasPermission(caller.actor, 'outreach.press.manage'))
    throw new Forbidden('I comunicati e i contatti stampa sono curati dallo staff della comunicazione.');
  return caller.actor;
}

const contactView = (row: store.ContactRow) => ({
  id: row.id,
  outlet: row.outlet,
  name: row.name,
  beat: row.beat,
  email: row.email,
  phone: row.phone,
  language: row.language,
  legalBasis: row.legalBasis,
  legalBasisNote: row.legalBasisNote,
  unsubscribedAt: row.unsubscribedAt,
  erasedAt: row.erasedAt,
});

const ERASED = 'Il contatto è stato cancellato su sua richiesta.';

export async function listContacts(
  platform: Platform,
  caller: Caller,
  query: z.infer<typeof pressContactsQuery>,
) {
  manager(caller);
  const { db } = platform.database;
  const { rows, total } = await store.listContacts(db, {
    q: query.q,
    reachable: query.reachable === undefined ? undefined : query.reachable === 'true',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  await auditRead(db, platform.clock, caller, 'outreach_press_contacts', 'list', {
    q: query.q ?? null,
    page: query.page,
    shown: rows.length,
  });
  return { items: rows.map(contactView), total, page: query.page, pageSize: query.pageSize };
}

const duplicate = () =>
  new Invalid([{ path: 'body.email', message: 'c’è già un contatto con questo indirizzo e-mail' }]);

export async function addContact(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof pressContactInput>,
) {
  const actor = manager(caller);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (await store.contactWithEmail(unit.db, input.email)) throw duplicate();
    await store.insertContact(unit.db, {
      id,
      ...input,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-contact.add',
      entityType: 'outreach_press_contact',
      entityId: id,
      before: null,
      after: { outlet: input.outlet, legalBasis: input.legalBasis },
    });
  });
  return contactView((await store.findContact(platform.database.db, id)) as store.ContactRow);
}

export async function correctContact(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof pressContactInput>,
) {
  manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockContact(unit.db, id);
    if (!before) throw new NotFound(CONTACT_NOT_FOUND);
    if (before.erasedAt) throw new Conflict(ERASED);
    const other = await store.contactWithEmail(unit.db, input.email);
    if (other && other.id !== id) throw duplicate();
    await store.updateContact(unit.db, id, { ...input, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-contact.correct',
      entityType: 'outreach_press_contact',
      entityId: id,
      before: { outlet: before.outlet, legalBasis: before.legalBasis, emailChanged: false },
      after: {
        outlet: input.outlet,
        legalBasis: input.legalBasis,
        emailChanged: before.email !== input.email,
      },
    });
  });
  return contactView((await store.findContact(platform.database.db, id)) as store.ContactRow);
}

/**
 * Erases a contact on their request (GDPR art. 17): name, address, telephone, beat and note are emptied, the
 * contact never receives anything again, and the outbox forgets the address and the text of the releases sent
 * to them (those not yet sent are not sent). The row stays, so that the releases sent still count.
 */
export async function eraseContact(platform: Platform, caller: Caller, id: string) {
  manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockContact(unit.db, id);
    if (!before) throw new NotFound(CONTACT_NOT_FOUND);
    if (before.erasedAt) throw new Conflict('Il contatto è già stato cancellato.');
    const now = platform.clock.now();
    const erasedAddress = `cancellato-${id}@contatto.invalid`;
    await store.updateContact(unit.db, id, {
      name: 'Contatto cancellato',
      email: erasedAddress,
      phone: null,
      beat: null,
      legalBasisNote: null,
      unsubscribedAt: before.unsubscribedAt ?? now,
      erasedAt: now,
      updatedAt: now,
    });
    const mails = await store.forgetContactMail(unit.db, id, erasedAddress, now);
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-contact.erase',
      entityType: 'outreach_press_contact',
      entityId: id,
      before: { outlet: before.outlet, legalBasis: before.legalBasis },
      after: { erased: true, mailsForgotten: mails },
    });
  });
  return contactView((await store.findContact(platform.database.db, id)) as store.ContactRow);
}

/** Who the link names, whether it is still good; the contact's language for the page. */
export async function unsubscriptionOf(platform: Platform, token: string) {
  const check = await checkLink(platform, UNSUBSCRIBE, token);
  if (!check.ok) return null;
  const contact = await store.findContact(platform.database.db, check.subjectId);
  return contact
    ? {
        id: contact.id,
        email: contact.email,
        language: contact.language,
        done: contact.unsubscribedAt !== null,
      }
    : null;
}

/** The contact behind the link asks to receive no more releases: recorded once, in one click. */
export async function unsubscribe(platform: Platform, caller: Caller, token: string): Promise<boolean> {
  const check = await checkLink(platform, UNSUBSCRIBE, token);
  if (!check.ok) return false;
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const contact = await store.lockContact(unit.db, check.subjectId);
    if (!contact) throw new NothingToDo(false);
    // a second click, or the mail program's retry: done already
    if (contact.unsubscribedAt) throw new NothingToDo(true);
    const now = platform.clock.now();
    await store.updateContact(unit.db, contact.id, { unsubscribedAt: now, updatedAt: now });
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-contact.unsubscribe',
      entityType: 'outreach_press_contact',
      entityId: contact.id,
      before: { unsubscribedAt: null },
      after: { unsubscribedAt: now },
    });
    return true;
  });
}

async function releaseView(platform: Platform, caller: Caller, id: string) {
  const { db } = platform.database;
  const row = await store.findRelease(db, id);
  if (!row) throw new NotFound(RELEASE_NOT_FOUND);
  const sends = row.status === 'SENT' ? await store.sendsOf(db, id) : [];
  // who received it: the recipients' names and addresses are personal data
  if (sends.length)
    await auditRead(db, platform.clock, caller, 'outreach_press_release_recipients', id, {
      shown: sends.length,
    });
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    editedAt: row.editedAt,
    sentAt: row.sentAt,
    recipients: row.recipients,
    summary: row.summary,
    body: row.body,
    editedBy: row.editorName,
    reviewedBy: row.reviewerName,
    reviewedAt: row.reviewedAt,
    mayReview: row.status === 'DRAFT' && caller.actor !== null && caller.actor.userId !== row.editedBy,
    publicUrl: row.status === 'SENT' ? `${platform.config.publicUrl}/portale/it/stampa/${row.id}` : null,
    sends,
  };
}

export const getRelease = (platform: Platform, caller: Caller, id: string) => {
  manager(caller);
  return releaseView(platform, caller, id);
};

export function listReleases(platform: Platform, caller: Caller) {
  manager(caller);
  return store.listReleases(platform.database.db);
}

export async function writeRelease(
  platform: Platform,
  caller: Caller,
  id: string | null,
  input: z.infer<typeof pressReleaseInput>,
) {
  const actor = manager(caller);
  // a release carries no images: the e-mail could not show them
  const images = bodyProblems(input.body, []);
  if (images.length)
    throw new Invalid([
      { path: 'body.body', message: 'un comunicato non contiene immagini: toglierle dal testo' },
    ]);
  const releaseId = id ?? newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = id ? await store.lockRelease(unit.db, id) : null;
    if (id && !before) throw new NotFound(RELEASE_NOT_FOUND);
    if (before?.status === 'SENT') throw new Conflict('Un comunicato inviato non si modifica.');
    const draft = {
      ...input,
      status: 'DRAFT' as const,
      editedBy: actor.userId,
      editedAt: now,
      reviewedBy: null,
      reviewedAt: null,
    };
    if (before) await store.updateRelease(unit.db, releaseId, draft);
    else await store.insertRelease(unit.db, { id: releaseId, ...draft, createdAt: now });
    await unit.audit({
      kind: 'change',
      action: before ? 'outreach.press-release.edit' : 'outreach.press-release.write',
      entityType: 'outreach_press_release',
      entityId: releaseId,
      before: before ? { title: before.title, status: before.status } : null,
      after: { title: input.title, status: 'DRAFT' },
    });
  });
  return releaseView(platform, caller, releaseId);
}

export async function reviewRelease(platform: Platform, caller: Caller, id: string) {
  const actor = manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const release = await store.lockRelease(unit.db, id);
    if (!release) throw new NotFound(RELEASE_NOT_FOUND);
    if (release.status !== 'DRAFT') throw new Conflict('Il comunicato non è una bozza da revisionare.');
    if (release.editedBy === actor.userId)
      throw new Forbidden('Un comunicato è revisionato da una persona diversa da chi l’ha scritto.');
    const now = platform.clock.now();
    await store.updateRelease(unit.db, id, { status: 'REVIEWED', reviewedBy: actor.userId, reviewedAt: now });
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-release.review',
      entityType: 'outreach_press_release',
      entityId: id,
      before: { status: 'DRAFT' },
      after: { status: 'REVIEWED' },
    });
  });
  return releaseView(platform, caller, id);
}

function releaseMail(
  release: { title: string; summary: string; body: string },
  unsubscribeUrl: string,
  to: string,
) {
  const text = [
    release.title,
    '',
    release.summary,
    '',
    release.body,
    '',
    '—',
    `Ufficio stampa – ${prefectureName()}`,
    FUNDING_STATEMENT,
    '',
    `Per non ricevere più i comunicati: ${unsubscribeUrl}`,
  ].join('\n');
  const html =
    `<h1>${escapeHtml(release.title)}</h1><p><strong>${escapeHtml(release.summary)}</strong></p>` +
    renderBody(release.body) +
    `<hr><p>Ufficio stampa – ${escapeHtml(prefectureName())}<br>${escapeHtml(FUNDING_STATEMENT)}</p>` +
    `<p><a href="${escapeHtml(unsubscribeUrl)}">Non ricevere più i comunicati</a></p>`;
  return {
    to,
    subject: `Comunicato stampa: ${release.title}`,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** Sends a reviewed release to the chosen contacts, through the outbox: one e-mail each, in the same transaction. */
export async function sendRelease(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof pressSendInput>,
) {
  const actor = manager(caller);
  await warmLinkSigning(platform);
  const expiresAt = new Date(platform.clock.now().getTime() + UNSUBSCRIBE_LINK_MS);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const release = await store.lockRelease(unit.db, id);
    if (!release) throw new NotFound(RELEASE_NOT_FOUND);
    if (release.status !== 'REVIEWED')
      throw new Conflict(
        release.status === 'SENT'
          ? 'Il comunicato è già stato inviato.'
          : 'Il comunicato deve essere revisionato prima dell’invio.',
      );
    const contacts = await store.lockContacts(unit.db, input.contactIds);
    if (contacts.length !== input.contactIds.length)
      throw new Invalid([{ path: 'body.contactIds', message: 'uno dei destinatari non esiste più' }]);
    const gone = contacts.filter((contact) => contact.unsubscribedAt !== null);
    if (gone.length)
      throw new Invalid([
        {
          path: 'body.contactIds',
          message: `non vogliono più ricevere comunicati: ${gone.map((contact) => contact.name).join(', ')}`,
        },
      ]);
    const now = platform.clock.now();
    const sends = [];
    for (const contact of contacts) {
      const token = await signLink(platform, UNSUBSCRIBE, contact.id, expiresAt);
      const url = `${platform.config.publicUrl}/portale/${contact.language}/stampa/disiscrizione?t=${encodeURIComponent(token)}`;
      const mailId = await queueMail(unit.db, now, releaseMail(release, url, contact.email), {
        topic: RELEASE_TOPIC,
        entityId: id,
      });
      sends.push({ releaseId: id, contactId: contact.id, mailId });
    }
    await store.insertSends(unit.db, sends);
    await store.updateRelease(unit.db, id, { status: 'SENT', sentAt: now, sentBy: actor.userId });
    await unit.audit({
      kind: 'change',
      action: 'outreach.press-release.send',
      entityType: 'outreach_press_release',
      entityId: id,
      before: { status: 'REVIEWED' },
      after: { status: 'SENT', recipients: sends.length },
    });
  });
  announceQueuedMail();
  return releaseView(platform, caller, id);
}

export const sentReleases = (platform: Platform) => store.sentReleases(platform.database.db);
export const sentRelease = (platform: Platform, id: string) => store.sentRelease(platform.database.db, id);
