/**
 * What dissemination offers the modules after it: the figures of its news, publications, press office and
 * events, for the project's indicators.
 */

export { type EventIndicators, eventIndicators } from './events/indicators.ts';
export { type ArticleIndicators, articleIndicators } from './news/indicators.ts';
export { type PressIndicators, pressIndicators } from './press/indicators.ts';
export { type PublicationIndicators, publicationIndicators } from './publications/indicators.ts';
