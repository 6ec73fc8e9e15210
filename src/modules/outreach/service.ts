/** What dissemination offers the modules after it: the figures of its news and events, for the project’s indicators. */
export { type EventIndicators, eventIndicators } from './events/indicators.ts';
export { type ArticleIndicators, articleIndicators } from './news/indicators.ts';
