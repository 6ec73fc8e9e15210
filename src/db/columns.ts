/** The column types every module's tables are made of. */
import type { ColumnType } from 'kysely';

/** An instant stored as timestamptz: read as Date, written as Date or ISO string. */
export type Instant = ColumnType<Date, Date | string, Date | string>;

/** An instant the database fills in by default (`now()`). */
export type GeneratedInstant = ColumnType<Date, Date | string | undefined, Date | string>;

export type NullableInstant = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** A legal day, `YYYY-MM-DD` (PostgreSQL `date`, read as text). */
export type LegalDay = string;

/** A JSON document stored as jsonb: written as text. */
export type Json = ColumnType<unknown, string, string>;
export type NullableJson = ColumnType<unknown | null, string | null, string | null>;
