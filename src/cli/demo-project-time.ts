/**
 * Demo data of the project's staff and timesheets, loaded after the projects: LO.V.I.T. 2.0's four assignments
 * (legal expert, independent auditor, WP supervisor, CTI consultant), contracted by the Prefettura as lead
 * beneficiary, a SUI operator of the Prefettura and a mediator of the partner cooperative, with the last
 * months' sheets in each state a sheet reaches before a claim: approved, rejected, in draft, and sent, so the
 * supervisor finds one to approve at first start. Names, fees and costs are illustrative.
 */
import type { Caller } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import { findOrganisationByCode } from '../modules/identity/directory.ts';
import { getProject, listProjects } from '../modules/project/service.ts';
import type { StaffInput, TimesheetInput } from '../modules/project/time/contract.ts';
import {
  approveTimesheet,
  createStaff,
  rejectTimesheet,
  saveTimesheet,
  submitTimesheet,
} from '../modules/project/time/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

type Person = {
  email: string;
  role: Parameters<typeof memberCaller>[2][number];
  contract: Omit<StaffInput, 'organisationId' | 'userEmail' | 'contractStartsOn' | 'contractEndsOn'> & {
    partner: 'PREF-LO' | 'COOP-LULE';
  };
};

const PEOPLE: Record<string, Person> = {
  legal: {
    email: 'esperto.legale@lovit.example',
    role: 'legal_expert',
    contract: {
      partner: 'PREF-LO',
      personName: 'Elena Ferri',
      kind: 'LEGAL_EXPERT',
      contractReference: 'Incarico esperto legale n. 1/2025',
      totalHoursCap: 160,
      feeCents: 600_000,
      deliverables: 'Verifica di tutte le procedure di affidamento e degli incarichi individuali esterni',
    },
  },
  auditor: {
    email: 'revisore@lovit.example',
    role: 'auditor',
    contract: {
      partner: 'PREF-LO',
      personName: 'Giorgio Fontana',
      kind: 'AUDITOR',
      contractReference: 'Incarico revisore indipendente n. 2/2025',
      feeCents: 1_400_000,
      deliverables: 'Verifica amministrativo-contabile di ogni domanda di rimborso, con verbale e allegati',
    },
  },
  supervisor: {
    email: 'supervisore@lovit.example',
    role: 'project_supervisor',
    contract: {
      partner: 'PREF-LO',
      personName: 'Laura Bianchi',
      kind: 'WP_SUPERVISOR',
      contractReference: 'Incarico supervisione delle WP n. 3/2025',
      monthlyHoursCap: 30,
      feeCents: 1_080_000,
    },
  },
  consultant: {
    email: 'consulente.cti@lovit.example',
    role: 'council_consultant',
    contract: {
      partner: 'PREF-LO',
      personName: 'Alberto Caruso',
      kind: 'CTI_CONSULTANT',
      contractReference: 'Incarico concertazione territoriale e CTI n. 4/2025',
      monthlyHoursCap: 40,
      totalHoursCap: 500,
      feeCents: 1_250_000,
    },
  },
  operator: {
    email: 'operatore.sui@lovit.example',
    role: 'sui_operator',
    contract: {
      partner: 'PREF-LO',
      personName: 'Operatore dello Sportello unico',
      kind: 'INTERNAL',
      contractReference: 'Ordine di servizio SUI n. 14/2025',
      monthlyHoursCap: 60,
      totalHoursCap: 900,
      annualGrossCostCents: 3_850_000,
      annualHours: 1720,
    },
  },
  mediator: {
    email: 'mediatrice@lovit.example',
    role: 'mediator',
    contract: {
      partner: 'COOP-LULE',
      personName: 'Mediatrice linguistico-culturale',
      kind: 'INTERNAL',
      contractReference: 'LULE – lettera di assegnazione n. 7/2025',
      monthlyHoursCap: 80,
      annualGrossCostCents: 3_096_000,
      annualHours: 1720,
    },
  },
};

export async function loadDemoProjectTime(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const approver = await memberCaller(platform, 'supervisore@lovit.example', ['project_supervisor']);
  const summary = (await listProjects(platform)).find((p) => p.code === 'LOVIT-2');
  if (!manager || !approver || !summary) return;
  const project = await getProject(platform, manager, summary.id);
  const activity = (code: string) => {
    for (const wp of project.workPackages) {
      const item = wp.items.find((i) => i.code === code);
      if (item) return { workPackageId: wp.id, itemId: item.id };
    }
    throw new Error(`the demo project has no activity ${code}`);
  };
  const staff = new Map<string, { id: string; caller: Caller | undefined }>();
  for (const [key, person] of Object.entries(PEOPLE)) {
    const { partner, ...contract } = person.contract;
    const organisation = await findOrganisationByCode(platform, partner);
    const caller = await memberCaller(platform, person.email, [person.role]);
    if (!organisation) return;
    const created = await createStaff(platform, manager, project.id, {
      ...contract,
      organisationId: organisation.id,
      userEmail: caller ? person.email : null,
      contractStartsOn: project.startsOn,
      contractEndsOn: project.endsOn,
    });
    staff.set(key, { id: created.id, caller });
  }

  const month = (back: number) =>
    platform.clock.today().subtract({ months: back }).toPlainYearMonth().toString();
  const fill = async (key: string, back: number, lines: TimesheetInput['lines'], send = true) => {
    const person = staff.get(key);
    if (!person?.caller) return undefined;
    const sheet = await saveTimesheet(platform, person.caller, person.id, month(back), { lines });
    if (send) await submitTimesheet(platform, person.caller, person.id, month(back));
    return sheet.id;
  };
  const hours = (code: string, value: number, note?: string) => ({
    ...activity(code),
    hours: value,
    note: note ?? null,
  });

  for (const back of [3, 2]) {
    const id = await fill('operator', back, [hours('A2.1', 44), hours('A2.2', 10.5)]);
    if (id) await approveTimesheet(platform, approver, id);
  }
  await fill('operator', 1, [hours('A2.1', 46), hours('A2.2', 8), hours('A3.2', 4, 'Formazione interna')]);

  const rejected = await fill('mediator', 2, [hours('A2.1', 62)]);
  if (rejected)
    await rejectTimesheet(platform, approver, rejected, {
      reason:
        'Le ore dei colloqui allo Sportello del 14 e del 21 non risultano dal registro: correggere o motivare.',
    });
  await fill('mediator', 1, [hours('A2.1', 70.5)]);

  const legal = await fill('legal', 2, [hours('A2.1', 12, 'Verifica degli incarichi di mediazione')]);
  if (legal) await approveTimesheet(platform, approver, legal);
  await fill('consultant', 1, [hours('A1.2', 22, 'Preparazione e verbali dei tavoli tematici')], false);
}
