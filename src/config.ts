import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { findProvince, LODI } from './kernel/territory/province.ts';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected one of 1/0, true/false, yes/no, on/off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
  .optional();

/**
 * Another LOVIT node: where it listens, which bodies it answers for, whether it may ask this node for opinions,
 * and (optionally) its pinned key.
 */
const peerSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'expected a node name'),
  url: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the peer' }),
  bodies: z.array(z.enum(['POLICE_HQ', 'LABOUR_INSPECTORATE'])).default([]),
  /** Whether the peer may ask this node for opinions (for the bodies this node answers for). */
  mayRequest: z.boolean().default(false),
  /** The largest delivery this node reads from the peer, in MB (by default: one answer with its files). */
  maxBodyMb: z.number().int().min(1).max(1000).optional(),
  jwk: z.record(z.string(), z.unknown()).optional(),
});
export type Peer = z.output<typeof peerSchema>;

/** An office the public offices page lists besides the SUI's desks (the Prefettura, the Questura). */
const officeSchema = z.object({
  /** The anchor of its section on the page (`#prefettura`). */
  key: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a short key in lower-case letters, digits and dashes')
    .optional(),
  name: z.string().min(1, 'expected the office name'),
  address: z.string().min(1).nullable().default(null),
  /** ISTAT code of the municipality the office is in, for the map. */
  municipality: z.string().regex(/^\d{6}$/, 'expected the six-digit ISTAT code of a municipality'),
  email: z.email('expected an e-mail address').optional(),
  phone: z
    .string()
    .regex(/^\+?[\d ]{6,20}$/, 'expected a telephone number')
    .optional(),
  /** Whether the page asks to call before going (hours not confirmed). */
  callFirst: z.boolean().default(false),
  /** Where the contacts come from, as the page cites it, in Italian: "notizie del sito della Questura, 2023". */
  source: z.string().min(1).optional(),
});
export type OfficeSetting = z.output<typeof officeSchema>;

/** Lodi's offices, from public sources (the Questura's switchboard only: its office's address and hours are not). */
const LODI_OFFICES: OfficeSetting[] = [
  {
    key: 'prefettura',
    name: 'Prefettura – Ufficio Territoriale del Governo di Lodi',
    address: 'Palazzo del Governo, Lodi',
    municipality: '098031',
    email: 'prefettura.lodi@interno.it',
    callFirst: false,
  },
  {
    key: 'questura',
    name: 'Questura di Lodi – Ufficio Immigrazione',
    address: null,
    municipality: '098031',
    phone: '0371 4441',
    callFirst: true,
    source: 'notizie del sito della Questura di Lodi, 2023',
  },
];

/** Every prefecture answers to the Ministry of the Interior, whose data protection officer serves them all. */
const MINISTRY_DPO_EMAIL = 'responsabileprotezionedati@interno.it';

/** An address or a network in CIDR notation: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrNetwork(text: string): boolean {
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const environmentSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('localhost'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: postgresUrl,
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' }).optional(),
  MAIL_ATTEMPTS: z.coerce.number({ error: 'expected a number' }).int().min(1).max(20).default(8),
  MAIL_RETRY_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int().min(1).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanFlag.optional(),
  JOBS: booleanFlag.default(true),
  // Only named proxies: with "on" (or a hop count, which cannot tell a proxy from a client), a client could
  // choose its own address and escape the per-address waits and limits.
  TRUST_PROXY: z
    .string()
    .transform((text, context): string[] => {
      if (['0', 'off', 'no', 'false'].includes(text.trim())) return [];
      const list = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (list.every(isAddressOrNetwork)) return list;
      context.addIssue({
        code: 'custom',
        message:
          'expected the addresses or networks of the reverse proxies in front of LOVIT (e.g. 127.0.0.1 or 10.0.0.0/8), or off',
      });
      return z.NEVER;
    })
    .default([]),
  LOGIN_RATE_PER_MINUTE: z.coerce.number({ error: 'expected a number' }).int().min(1).default(10),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int()
    .min(1)
    .max(1440)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number({ error: 'expected a number of hours' })
    .int()
    .min(1)
    .max(168)
    .default(12),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'expected the issuer URL of the OpenID provider' })
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_FISCAL_CODE_CLAIM: z.string().min(1).default('fiscal_number'),
  OIDC_LABEL: z.string().min(1).default('Entra con SPID o CIE'),
  PROVINCE_CODE: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected the two-letter code of the province (e.g. LO)')
    .optional(),
  PATRON_DAY: z
    .string()
    .regex(/^\d{2}-\d{2} .+$/, 'expected "MM-DD Name", e.g. "01-19 San Bassiano"')
    .optional(),
  PATRON_DAY_IN_LEGAL_TERMS: booleanFlag.default(false),
  UPLOAD_MAX_MB: z.coerce
    .number({ error: 'expected a number of megabytes' })
    .int()
    .min(1)
    .max(200)
    .default(20),
  EXCHANGE_NODE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'expected a node name: lower-case letters, digits, dots and dashes')
    .default('prefettura-lodi'),
  EXCHANGE_PEERS: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'expected a JSON array of peers' });
        return z.NEVER;
      }
    })
    .pipe(z.array(peerSchema, { error: 'expected a JSON array of peers' }))
    .optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  METRICS_ALLOW: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().refine(isAddressOrNetwork, 'expected addresses or networks such as 10.0.0.5, 10.0.0.0/8'),
      ),
    )
    .optional(),
  INTAKE_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int()
    .min(1)
    .max(600)
    .default(30),
  EXCHANGE_INBOX_RATE_PER_MINUTE: z.coerce.number({ error: 'expected a number' }).int().min(1).default(1200),
  PROVINCE_ISTAT: z
    .string()
    .transform((code, context) => {
      const province = findProvince(code);
      if (province) return province;
      context.addIssue({
        code: 'custom',
        message: 'expected the ISTAT code of an Italian province (e.g. 098 for Lodi)',
      });
      return z.NEVER;
    })
    .optional(),
  OFFICES: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'expected a JSON array of offices' });
        return z.NEVER;
      }
    })
    .pipe(z.array(officeSchema, { error: 'expected a JSON array of offices' }))
    .optional(),
  BACKUP_DIR: z.string().min(1, 'must not be empty').optional(),
  BACKUP_KEEP: z.coerce
    .number({ error: 'expected a number of archives' })
    .int('expected a whole number')
    .min(1, 'expected at least 1 archive')
    .max(1000, 'expected at most 1000 archives')
    .default(14),
  BACKUP_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM, e.g. 02:30')
    .default('02:30'),
  DPO_EMAIL: z.email('expected the e-mail address of the data protection officer').optional(),
  EXCHANGE_MAX_SKEW_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int()
    .min(5)
    .max(3600)
    .default(120),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  /** Tries of each e-mail before it is undeliverable, and the wait before the second (doubling after). */
  mail: { attempts: number; retrySeconds: number };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  demoData: boolean;
  jobs: boolean;
  /**
   * The addresses and networks of the reverse proxies whose X-Forwarded-* headers are believed (client
   * address, protocol); none when LOVIT faces clients directly.
   */
  trustProxy: string[];
  session: { idleMinutes: number; maxHours: number };
  /** Sign-in and reset attempts allowed per client address per minute. */
  loginRatePerMinute: number;
  /** The SUI's office: the province in protocol numbers, the patron saint's day its calendar observes. */
  office: {
    /** The province served, by ISTAT code (`098`), with its name and two-letter code. */
    province: { istatCode: string; name: string };
    provinceCode: string;
    /** The offices the public page lists besides the desks. */
    offices: OfficeSetting[];
    /** The desks are closed on it; a legal term ending on it moves only when `inLegalTerms` (default off). */
    patronDay: { month: number; day: number; name: string; inLegalTerms: boolean };
  };
  /** Largest document a user may upload. */
  uploadMaxBytes: number;
  /** Who may read `/metrics`: a bearer token, client addresses or networks; nobody when both are unset. */
  metrics: { token: string | undefined; allow: string[] };
  /** How long a case submission may wait for the writer before it is answered 503. */
  intakeTimeoutSeconds: number;
  /**
   * This node in the exchange between bodies, its peers, the clock skew a signed delivery may have, and the
   * deliveries the public inbox takes per client address per minute.
   */
  exchange: { node: string; peers: Peer[]; maxSkewSeconds: number; inboxRatePerMinute: number };
  /** Whom the privacy notices name as the data protection officer (GDPR art. 37): the ministry's, by default. */
  dataProtectionOfficer: { email: string };
  /** The daily backup: where the archives go, how many are kept, when it runs (Europe/Rome). */
  backup: { dir: string; keep: number; at: { hour: number; minute: number } };
  /** OpenID Connect sign-in (SPID/CIE through a proxy), when an issuer is configured. */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string | undefined;
    fiscalCodeClaim: string;
    label: string;
  } | null;
};

// URLs that may carry a password are never echoed back.
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'OIDC_CLIENT_SECRET', 'METRICS_TOKEN']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; an invalid variable throws a ConfigError naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const got = present[name] === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got "${present[name]}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is not valid'}${got}`);
  }
  const e = parsed.data;
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) {
    throw new ConfigError('Invalid configuration: OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  }
  const province = e.PROVINCE_ISTAT ?? (findProvince(LODI) as NonNullable<typeof e.PROVINCE_ISTAT>);
  const patronDay =
    e.PATRON_DAY ?? (province.code === LODI ? '01-19 San Bassiano, patrono di Lodi' : undefined);
  if (!patronDay) {
    throw new ConfigError(
      `Invalid configuration: PATRON_DAY is required for the province of ${province.name} (e.g. "12-07 Sant’Ambrogio")`,
    );
  }
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mail: { attempts: e.MAIL_ATTEMPTS, retrySeconds: e.MAIL_RETRY_SECONDS },
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA ?? e.DATABASE_URL === undefined,
    jobs: e.JOBS,
    trustProxy: e.TRUST_PROXY,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    office: {
      province: { istatCode: province.code, name: province.name },
      provinceCode: e.PROVINCE_CODE ?? province.abbreviation,
      offices: e.OFFICES ?? (province.code === LODI ? LODI_OFFICES : []),
      patronDay: {
        month: Number(patronDay.slice(0, 2)),
        day: Number(patronDay.slice(3, 5)),
        name: patronDay.slice(6),
        inLegalTerms: e.PATRON_DAY_IN_LEGAL_TERMS,
      },
    },
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    intakeTimeoutSeconds: e.INTAKE_TIMEOUT_SECONDS,
    metrics: { token: e.METRICS_TOKEN, allow: e.METRICS_ALLOW ?? [] },
    exchange: {
      node: e.EXCHANGE_NODE,
      peers: e.EXCHANGE_PEERS ?? [],
      maxSkewSeconds: e.EXCHANGE_MAX_SKEW_SECONDS,
      inboxRatePerMinute: e.EXCHANGE_INBOX_RATE_PER_MINUTE,
    },
    dataProtectionOfficer: { email: e.DPO_EMAIL ?? MINISTRY_DPO_EMAIL },
    backup: {
      dir: path.resolve(e.BACKUP_DIR ?? path.join(e.DATA_DIR, 'backups')),
      keep: e.BACKUP_KEEP,
      at: { hour: Number(e.BACKUP_AT.slice(0, 2)), minute: Number(e.BACKUP_AT.slice(3, 5)) },
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            fiscalCodeClaim: e.OIDC_FISCAL_CODE_CLAIM,
            label: e.OIDC_LABEL,
          }
        : null,
  };
}
