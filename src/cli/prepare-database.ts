/**
 * Run by `npm install` (the `prepare` script): makes the embedded database's template for the current migrations
 * (see `kernel/db-template.ts`), so that the first `npm start` skips creating and migrating a database.
 */
import { embeddedTemplate } from '../kernel/db-template.ts';

await embeddedTemplate();
