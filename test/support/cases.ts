/** Realistic submissions for tests and benchmarks: distinct workers, valid employers' fiscal codes. */
import type { IntakeInput } from '../../src/modules/cases/contract.ts';

/** An 11-digit company fiscal code (same form as a VAT number) with its check digit. */
export function companyFiscalCode(n: number): string {
  const body = `0${String(n % 1e9).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(body.charAt(i));
    const doubled = digit * 2;
    sum += i % 2 === 0 ? digit : doubled > 9 ? doubled - 9 : doubled;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const SURNAMES = ['HOSSAIN', 'SINGH', 'EL AMRANI', 'KUMAR', 'BOYKO', 'OKAFOR', 'RAHMAN', 'GARCIA'];
const NAMES = ['Rahim', 'Gurpreet', 'Youssef', 'Anil', 'Olena', 'Chinedu', 'Fatima', 'Lucia'];
const COUNTRIES = ['IN', 'MA', 'UA', 'NG', 'AL', 'EG', 'SN', 'PE'];

/** A work-permit application inside the quota, about 1.5 KB of JSON, distinct per `n`. */
export function workPermitApplication(n: number, overrides: Partial<IntakeInput> = {}): IntakeInput {
  const i = n % SURNAMES.length;
  return {
    type: 'WORK_CLEARANCE',
    quotaSector: 'NON_SEASONAL',
    externalReference: `ALI-B2020-${String(n).padStart(8, '0')}`,
    parties: [
      {
        role: 'EMPLOYER',
        employer: {
          kind: 'COMPANY',
          name: `Azienda Agricola Lodigiana ${n % 5000} S.r.l.`,
          fiscalCode: companyFiscalCode(100000 + (n % 5000)),
          vatNumber: companyFiscalCode(100000 + (n % 5000)),
          address: `Via Emilia ${1 + (n % 300)}, 26900 Lodi (LO)`,
          pec: `azienda${n % 5000}@pec.lovit.example`,
          email: `amministrazione${n % 5000}@lovit.example`,
          phone: '+39 0371 123456',
        },
      },
      {
        role: 'WORKER',
        person: {
          surname: SURNAMES[i] as string,
          givenName: NAMES[i] as string,
          sex: i % 2 === 0 ? 'M' : 'F',
          birthDate: `19${80 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`,
          birthPlace: 'Dhaka',
          citizenship: COUNTRIES[i] as string,
          citizenshipCadastralCode: 'Z222',
          passport: { number: `P${String(n).padStart(9, '0')}`, expiry: '2031-06-30' },
          address: 'House 12, Road 5, Mirpur',
          email: `lavoratore${n}@lovit.example`,
          phone: '+880 1711 000000',
          preferredLanguage: 'en',
        },
      },
    ],
    details: {
      formCode: 'B2020',
      jobTitle: 'Operaio agricolo specializzato',
      contractType: 'FIXED_TERM',
      weeklyHours: 40,
      monthlyGrossSalary: 1650,
      collectiveAgreement: 'CCNL operai agricoli e florovivaisti',
      workplace: 'Cascina San Marco, 26900 Lodi (LO)',
      accommodation: 'Alloggio messo a disposizione dal datore di lavoro, Via Roma 3, Lodi',
      notes:
        'Domanda inviata nel click day del decreto flussi dopo la precompilazione. Il datore di lavoro dichiara ' +
        'l’indisponibilità di lavoratori presso il Centro per l’Impiego e allega l’asseverazione del consulente ' +
        'del lavoro sul rispetto del contratto collettivo e sulla congruità della richiesta.',
    },
    ...overrides,
  };
}
