/**
 * What dissemination offers the modules after it: the figures of its news, publications, press coverage and
 * events, for the project's indicators.
 */
export { type CoverageIndicators, coverageIndicators } from './press/indicators.ts';
export { type EventIndicators, eventIndicators } from './events/indicators.ts';
export { type ArticleIndicators, articleIndicators } from './news/indicators.ts';
export { type PublicationIndicators, publicationIndicators } from './publications/indicators.ts';
