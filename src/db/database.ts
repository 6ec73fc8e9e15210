import type { CasesTables } from './tables/cases.ts';
import type { CasesPrivacyTables } from './tables/cases-privacy.ts';
import type { CouncilTables } from './tables/council.ts';
import type { ExchangeTables } from './tables/exchange.ts';
import type { IdentityTables } from './tables/identity.ts';
import type { KernelTables } from './tables/kernel.ts';
import type { OpsTables } from './tables/ops.ts';
import type { OutreachTables } from './tables/outreach.ts';
import type { OutreachFollowUpTables } from './tables/outreach-follow-up.ts';
import type { OutreachInterpreterTables } from './tables/outreach-interpreters.ts';
import type { PortalTables } from './tables/portal.ts';
import type { PrivacyTables } from './tables/privacy.ts';
import type { ProjectTables } from './tables/project.ts';
import type { ProjectClaimTables } from './tables/project-claims.ts';
import type { ProjectFinanceTables } from './tables/project-finance.ts';
import type { ProjectIndicatorTables } from './tables/project-indicators.ts';
import type { ProjectProcurementTables } from './tables/project-procurement.ts';
import type { ProjectReportTables } from './tables/project-reports.ts';
import type { ProjectTimeTables } from './tables/project-time.ts';
import type { SurveysTables } from './tables/surveys.ts';
import type { TrainingTables } from './tables/training.ts';
import type { TrainingCertificateTables } from './tables/training-certificates.ts';
import type { TrainingFeedbackTables } from './tables/training-feedback.ts';
import type { TrainingRecordTables } from './tables/training-records.ts';
import type { UpdatesTables } from './tables/updates.ts';

/**
 * Every table, as Kysely sees it (camelCase here, snake_case in the database): each module declares its own
 * in `db/tables/<module>.ts`, and they meet here.
 */
export type Database = KernelTables &
  IdentityTables &
  CasesTables &
  ExchangeTables &
  CouncilTables &
  SurveysTables &
  PortalTables &
  TrainingTables &
  OpsTables &
  TrainingCertificateTables &
  UpdatesTables &
  TrainingFeedbackTables &
  TrainingRecordTables &
  OutreachTables &
  OutreachFollowUpTables &
  OutreachInterpreterTables &
  PrivacyTables &
  ProjectTables &
  ProjectClaimTables &
  ProjectFinanceTables &
  ProjectIndicatorTables &
  ProjectProcurementTables &
  ProjectReportTables &
  ProjectTimeTables &
  CasesPrivacyTables;
