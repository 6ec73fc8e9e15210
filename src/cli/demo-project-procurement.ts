/**
 * Demo data of the procurement files of LO.V.I.T. 2.0, both run by the partner LULE: the graphic design and
 * printing for the final conference, bought by direct award with its CIG and checked positive by the legal
 * expert; the assignment of a linguistic-cultural mediator, selected by public notice, still waiting for the
 * legal expert. Each has its documents and an expense paid under it. Names, fiscal codes, CIG and amounts are
 * illustrative. Loaded through the real use cases, after the demo budget and expenses.
 */
import { PDFDocument } from 'pdf-lib';
import type { Caller } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import { fileStoreOf } from '../kernel/uploads.ts';
import { findOrganisationByCode } from '../modules/identity/directory.ts';
import { expenseInput } from '../modules/project/finance/contract.ts';
import { attachToExpense, createExpense, updateExpense } from '../modules/project/finance/service.ts';
import type { DocumentKind } from '../modules/project/procurement/contract.ts';
import {
  attachDocument,
  createFile,
  getFile,
  linkExpense,
  listFiles,
  recordCheck,
} from '../modules/project/procurement/service.ts';
import { listProjects } from '../modules/project/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const euro = (amount: number) => Math.round(amount * 100);

async function scan(title: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText(title, { x: 50, y: 750, size: 14 });
  return document.save();
}

export async function loadDemoProjectProcurement(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const partner = await memberCaller(platform, 'referente.lule@lovit.example', ['project_partner']);
  const expert = await memberCaller(platform, 'esperto.legale@lovit.example', ['legal_expert']);
  const lule = await findOrganisationByCode(platform, 'COOP-LULE');
  const project = (await listProjects(platform)).find((p) => p.code === 'LOVIT-2');
  if (!partner || !expert || !lule || !project) return;
  if ((await listFiles(platform, partner, project.id)).files.length > 0) return;
  const day = (days: number) => inDays(platform, days);
  const store = fileStoreOf(platform.config);

  const attach = async (caller: Caller, id: string, kind: DocumentKind, title: string, name: string) => {
    const file = await store.stage(await scan(title), name);
    try {
      await attachDocument(platform, caller, id, { declaredName: name, file, kind });
    } finally {
      await file.discard();
    }
  };
  const paidExpense = async (input: Record<string, unknown>, documentName: string) => {
    const draft = expenseInput.parse({
      ...input,
      organisationId: lule.id,
      workPackageId: null,
      status: 'DRAFT',
    });
    const created = await createExpense(platform, partner, project.id, draft);
    const file = await store.stage(await scan(`${draft.description} – ${draft.supplierName}`), documentName);
    try {
      await attachToExpense(platform, partner, created.id, {
        declaredName: documentName,
        file,
        kind: 'DOCUMENT',
      });
    } finally {
      await file.discard();
    }
    await updateExpense(platform, partner, created.id, { ...draft, status: 'COMPLETE' });
    return created.id;
  };

  const graphics = await createFile(platform, partner, project.id, {
    organisationId: lule.id,
    subject: 'Servizio di grafica e stampa per il convegno finale',
    kind: 'SERVICES',
    procedure: 'DIRECT_AWARD',
    cig: 'B7A2C41E90',
    amountCents: euro(6_000),
    contractorName: 'Studio Grafico Adda srl',
    decisionOn: day(-100),
    contractOn: day(-90),
  });
  await attach(
    partner,
    graphics.id,
    'DETERMINATION',
    'Determina a contrarre – servizio di grafica',
    'determina-grafica.pdf',
  );
  await attach(partner, graphics.id, 'OFFERS', 'Preventivi di tre studi grafici', 'preventivi-grafica.pdf');
  await attach(
    partner,
    graphics.id,
    'CONTRACT',
    'Contratto con lo Studio Grafico Adda srl',
    'contratto-grafica.pdf',
  );
  await attach(
    partner,
    graphics.id,
    'REQUIREMENTS',
    'DURC dello Studio Grafico Adda srl',
    'durc-grafica.pdf',
  );
  const invoice = await paidExpense(
    {
      lineCode: 'F',
      description: 'Grafica e stampa degli atti del convegno finale',
      documentType: 'INVOICE',
      documentNumber: 'FPA 18/26',
      documentDate: day(-60),
      supplierName: 'Studio Grafico Adda srl',
      supplierTaxCode: '09876543210',
      netCents: euro(6_000),
      vatCents: euro(1_320),
      totalCents: euro(7_320),
      amountCents: euro(7_320),
      cig: 'B7A2C41E90',
      cup: project.cup,
      paymentDate: day(-45),
      paymentMethod: 'BANK_TRANSFER',
      paymentReference: 'TRN 0306955120',
      annulled: true,
    },
    'fattura-grafica.pdf',
  );
  await linkExpense(platform, partner, graphics.id, invoice);
  const { checklist } = await getFile(platform, expert, graphics.id);
  await recordCheck(platform, expert, graphics.id, {
    outcome: 'POSITIVE',
    notes: null,
    checkedOn: day(-20),
    items: checklist.map(({ item }) => ({ item, answer: 'YES', note: null })),
  });

  const mediation = await createFile(platform, partner, project.id, {
    organisationId: lule.id,
    subject: 'Incarico di mediazione linguistico-culturale in lingua tigrina',
    kind: 'INDIVIDUAL',
    procedure: 'PUBLIC_NOTICE',
    cig: null,
    amountCents: euro(9_000),
    contractorName: 'Helen Tesfamariam',
    decisionOn: day(-130),
    contractOn: day(-105),
  });
  await attach(
    partner,
    mediation.id,
    'NOTICE',
    'Avviso pubblico di selezione di mediatori',
    'avviso-mediatori.pdf',
  );
  await attach(
    partner,
    mediation.id,
    'OFFERS',
    'Verbale di comparazione dei curricula',
    'verbale-comparazione.pdf',
  );
  await attach(
    partner,
    mediation.id,
    'CONTRACT',
    'Lettera d’incarico a Helen Tesfamariam',
    'lettera-incarico.pdf',
  );
  const notula = await paidExpense(
    {
      lineCode: 'A',
      description: 'Mediazione linguistico-culturale allo Sportello unico, primo bimestre',
      documentType: 'NOTULA',
      documentNumber: 'NOTULA 1/26',
      documentDate: day(-40),
      supplierName: 'Helen Tesfamariam',
      supplierTaxCode: 'TSFHLN91E52Z315X',
      netCents: euro(1_500),
      vatCents: 0,
      totalCents: euro(1_500),
      amountCents: euro(1_500),
      cig: null,
      cup: project.cup,
      paymentDate: day(-30),
      paymentMethod: 'BANK_TRANSFER',
      paymentReference: 'TRN 0306955201',
      annulled: true,
    },
    'notula-mediazione.pdf',
  );
  await linkExpense(platform, partner, mediation.id, notula);
}
