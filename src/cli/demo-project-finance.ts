/**
 * Demo data of the project's budget and expenses: the initial budget of LO.V.I.T.; the initial budget of
 * LO.V.I.T. 2.0 and one re-modulation approved by the Managing Authority; eight expenses of LO.V.I.T. 2.0
 * borne by the Prefettura and by the partner LULE, most complete with their document attached, one draft and
 * one receipt still waiting for its cancellation stamp. Names, fiscal codes and amounts are illustrative.
 * Loaded through the real use cases, after the demo projects.
 */
import { PDFDocument } from 'pdf-lib';
import type { Caller } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import { fileStoreOf } from '../kernel/uploads.ts';
import { findOrganisationByCode } from '../modules/identity/directory.ts';
import {
  type BudgetLineInput,
  type ExpenseInput,
  expenseInput,
} from '../modules/project/finance/contract.ts';
import {
  attachToExpense,
  createExpense,
  recordBudgetVersion,
  updateExpense,
} from '../modules/project/finance/service.ts';
import { getProject, listProjects } from '../modules/project/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const euro = (amount: number) => Math.round(amount * 100);

async function scan(title: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText(title, { x: 50, y: 750, size: 14 });
  return document.save();
}

type DemoExpense = {
  by: 'manager' | 'partner';
  input: Omit<ExpenseInput, 'status' | 'organisationId' | 'workPackageId'> & { workPackage: string };
  complete: boolean;
};

export async function loadDemoProjectFinance(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const partner = await memberCaller(platform, 'referente.lule@lovit.example', ['project_partner']);
  const prefecture = await findOrganisationByCode(platform, 'PREF-LO');
  const lule = await findOrganisationByCode(platform, 'COOP-LULE');
  const projects = await listProjects(platform);
  const first = projects.find((p) => p.code === 'PROG-3858');
  const second = projects.find((p) => p.code === 'LOVIT-2');
  if (!manager || !partner || !prefecture || !lule || !first || !second) return;
  const day = (days: number) => inDays(platform, days);
  const line = (
    code: BudgetLineInput['code'],
    organisationId: string,
    amount: number,
    description?: string,
  ) => ({
    code,
    organisationId,
    amountCents: euro(amount),
    description: description ?? null,
  });

  await recordBudgetVersion(platform, manager, first.id, {
    lines: [
      line('A', prefecture.id, 80_000, 'Équipe dello Sportello unico e coordinamento'),
      line('G1', prefecture.id, 4_000),
      line('G2', prefecture.id, 1_500),
      line('A', lule.id, 25_000, 'Mediatori linguistico-culturali'),
      line('E', lule.id, 2_000),
      line('I', prefecture.id, 6_000),
    ],
  });
  const initial = [
    line('A', prefecture.id, 120_000, 'Équipe dello Sportello unico e coordinamento'),
    line('B', prefecture.id, 3_000),
    line('G1', prefecture.id, 6_000),
    line('G2', prefecture.id, 2_000),
    line('I', prefecture.id, 9_000),
    line('A', lule.id, 40_000, 'Mediatori linguistico-culturali'),
    line('E', lule.id, 3_000),
    line('F', lule.id, 15_000, 'Spettacoli teatrali e convegno finale'),
  ];
  await recordBudgetVersion(platform, manager, second.id, { lines: initial });
  await recordBudgetVersion(platform, manager, second.id, {
    lines: initial.map((l) =>
      l.code === 'F'
        ? { ...l, amountCents: euro(10_000) }
        : l.code === 'A' && l.organisationId === lule.id
          ? { ...l, amountCents: euro(45_000) }
          : l,
    ),
    reason: 'Più ore di mediazione allo Sportello unico, meno spese per gli spettacoli teatrali.',
    approvedOn: day(-60),
    approvalReference: 'Nota dell’Autorità di gestione FAMI di approvazione della rimodulazione n. 1',
  });

  const packages = new Map(
    (await getProject(platform, manager, second.id)).workPackages.map((wp) => [wp.code, wp.id]),
  );
  const paid = (days: number, method: ExpenseInput['paymentMethod'], reference: string) => ({
    paymentDate: day(days),
    paymentMethod: method,
    paymentReference: reference,
  });
  const payslip = (name: string, taxCode: string, month: string, amount: number, days: number) => ({
    lineCode: 'A' as const,
    workPackage: 'WP2',
    description: `Retribuzione di ${month}`,
    documentType: 'PAYSLIP' as const,
    documentNumber: `CEDOLINO ${month}`,
    documentDate: day(days),
    supplierName: name,
    supplierTaxCode: taxCode,
    netCents: euro(amount),
    vatCents: 0,
    totalCents: euro(amount),
    amountCents: euro(amount),
    cig: null,
    cup: null,
    ...paid(days + 3, 'BANK_TRANSFER', `TRN 0306${String(-days).padStart(6, '0')}`),
    annulled: true,
  });
  const expenses: DemoExpense[] = [
    {
      by: 'manager',
      complete: true,
      input: payslip('Laura Bianchi', 'BNCLRA85M41E648Y', 'ottobre', 2_350, -150),
    },
    {
      by: 'manager',
      complete: true,
      input: payslip('Laura Bianchi', 'BNCLRA85M41E648Y', 'novembre', 2_350, -120),
    },
    {
      by: 'manager',
      complete: true,
      input: {
        ...payslip('Agenzia delle Entrate', '06363391001', 'novembre', 1_480, -118),
        description: 'Ritenute e contributi sulle retribuzioni di novembre',
        documentType: 'OTHER',
        documentNumber: 'F24 NOVEMBRE',
        ...paid(-115, 'F24', 'Quietanza F24 n. 4471'),
      },
    },
    {
      by: 'manager',
      complete: false,
      input: {
        lineCode: 'B',
        workPackage: 'WP1',
        description: 'Viaggio a Milano per il coordinamento regionale dei Consigli territoriali',
        documentType: 'RECEIPT',
        documentNumber: 'BIGLIETTO 88213',
        documentDate: day(-40),
        supplierName: 'Trenord srl',
        supplierTaxCode: '06705490968',
        netCents: euro(15.4),
        vatCents: 0,
        totalCents: euro(15.4),
        amountCents: euro(15.4),
        cig: null,
        cup: null,
        ...paid(-40, 'CARD', 'Carta di servizio, addebito del giorno'),
        annulled: true,
      },
    },
    {
      by: 'partner',
      complete: true,
      input: payslip('Samira El Amrani', 'LMRSMR90C55Z330K', 'ottobre', 1_780, -148),
    },
    {
      by: 'partner',
      complete: true,
      input: payslip('Samira El Amrani', 'LMRSMR90C55Z330K', 'novembre', 1_780, -118),
    },
    {
      by: 'partner',
      complete: false,
      input: payslip('Tesfaye Gebremedhin', 'GBRTSF88H12Z315P', 'dicembre', 1_640, -88),
    },
    {
      by: 'partner',
      complete: true,
      input: {
        lineCode: 'E',
        workPackage: 'WP4',
        description: 'Cancelleria per gli incontri informativi',
        documentType: 'RECEIPT',
        documentNumber: 'SCONTRINO 0412',
        documentDate: day(-30),
        supplierName: 'Cartoleria Lodigiana',
        supplierTaxCode: '12345670152',
        netCents: euro(36.89),
        vatCents: euro(8.11),
        totalCents: euro(45),
        amountCents: euro(45),
        cig: null,
        cup: null,
        ...paid(-30, 'CASH', 'Scontrino pagato in contanti'),
        // the original still lacks the cancellation stamp: the expense stays flagged
        annulled: false,
      },
    },
  ];
  for (const { by, complete, input } of expenses) {
    const caller: Caller = by === 'manager' ? manager : partner;
    const { workPackage, ...fields } = input;
    const draft = expenseInput.parse({
      ...fields,
      organisationId: by === 'manager' ? prefecture.id : lule.id,
      workPackageId: packages.get(workPackage) ?? null,
      status: 'DRAFT',
    });
    const created = await createExpense(platform, caller, second.id, draft);
    if (!complete) continue;
    const name = `${input.documentNumber.toLowerCase().replace(/\s+/g, '-')}.pdf`;
    const file = await fileStoreOf(platform.config).stage(
      await scan(`${input.description} – ${input.supplierName}`),
      name,
    );
    try {
      await attachToExpense(platform, caller, created.id, { declaredName: name, file, kind: 'DOCUMENT' });
    } finally {
      await file.discard();
    }
    await updateExpense(platform, caller, created.id, { ...draft, status: 'COMPLETE' });
  }
}
