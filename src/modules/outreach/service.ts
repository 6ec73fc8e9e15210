/** What dissemination offers the modules after it: the figures of its events, for the project's indicators. */
export { type EventIndicators, eventIndicators } from './events/indicators.ts';
