/**
 * Where the modules meet: the list the app and the job queue start from, in the direction of their imports
 * (each uses only those before it, checked by `npm run check:imports`), and the ways back from a module to
 * one that uses it, plugged in once for the whole process.
 */
import { registerIndicatorSources } from '../kernel/indicators.ts';
import type { LovitModule } from '../kernel/module.ts';
import { registerPersonalData } from '../kernel/personal-data.ts';
import { registerVerifier } from '../kernel/verification.ts';
import { auditModule } from './audit/index.ts';
import { auditPersonalData } from './audit/personal-data.ts';
import { casesModule, mediatorLanguages, opinionChanged, verifyCaseDocument } from './cases/index.ts';
import { casesIndicatorSources } from './cases/indicator-sources.ts';
import { casesPersonalData } from './cases/privacy/provider.ts';
import { councilModule, territorySection } from './council/index.ts';
import { councilIndicatorSources } from './council/indicator-sources.ts';
import { councilPersonalData } from './council/privacy/provider.ts';
import { opinionChanges } from './exchange/events.ts';
import { exchangeModule } from './exchange/index.ts';
import { exchangeIndicatorSources } from './exchange/indicator-sources.ts';
import { exchangePersonalData } from './exchange/privacy/provider.ts';
import { identityModule } from './identity/index.ts';
import { identityPersonalData } from './identity/privacy/provider.ts';
import { opsModule } from './ops/index.ts';
import { outreachModule, outreachPlaces, verifyEventCertificate } from './outreach/index.ts';
import { outreachIndicatorSources } from './outreach/indicator-sources.ts';
import { outreachPersonalData } from './outreach/privacy/provider.ts';
import { portalModule } from './portal/index.ts';
import { listedPlaces, officesSection, reviewerLanguages } from './portal/ports.ts';
import { privacyModule } from './privacy/index.ts';
import { noticePlaces } from './privacy/notices/service.ts';
import { projectModule } from './project/index.ts';
import { projectTimePersonalData } from './project/time/privacy.ts';
import { surveysModule } from './surveys/index.ts';
import { surveysPersonalData } from './surveys/privacy/provider.ts';
import { trainingModule, verifyCertificate } from './training/index.ts';
import { trainingIndicatorSources } from './training/indicator-sources.ts';
import { trainingPersonalData } from './training/privacy/provider.ts';
import { updatesModule } from './updates/index.ts';
import { updatesIndicatorSources } from './updates/indicator-sources.ts';

export const MODULES: readonly LovitModule[] = [
  identityModule,
  auditModule,
  portalModule,
  exchangeModule,
  casesModule,
  surveysModule,
  councilModule,
  trainingModule,
  updatesModule,
  outreachModule,
  privacyModule,
  projectModule,
  opsModule,
];

// The exchange tells the cases what became of the opinions they requested.
opinionChanges.subscribe(opinionChanged);
// The portal asks the team which languages a mediator reviews, and the council for the services on the offices page.
reviewerLanguages.provide(mediatorLanguages);
officesSection.provide(territorySection);
// The sitemap lists the events' pages and the privacy notices.
listedPlaces.provide(async (platform) => [...(await outreachPlaces(platform)), ...noticePlaces()]);
// The public check of a document's code asks the modules that print codes: the case files, training, events.
registerVerifier(verifyCaseDocument);
registerVerifier(verifyCertificate);
registerVerifier(verifyEventCertificate);
// What each module keeps about people, for retention, access requests and the register of processing.
registerPersonalData(identityPersonalData);
registerPersonalData(auditPersonalData);
registerPersonalData(exchangePersonalData);
registerPersonalData(casesPersonalData);
registerPersonalData(surveysPersonalData);
registerPersonalData(councilPersonalData);
registerPersonalData(trainingPersonalData);
registerPersonalData(outreachPersonalData);
// The figures each module gives the project's indicators, for a period, with the records behind them.
registerIndicatorSources(casesIndicatorSources);
registerIndicatorSources(exchangeIndicatorSources);
registerIndicatorSources(councilIndicatorSources);
registerIndicatorSources(trainingIndicatorSources);
registerIndicatorSources(updatesIndicatorSources);
registerIndicatorSources(outreachIndicatorSources);
registerPersonalData(projectTimePersonalData);
