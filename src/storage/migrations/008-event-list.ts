/** Migration 008: placeholder, filled in by the issue-18 work that owns it. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(_db: Kysely<unknown>, _dialect: Dialect): Promise<void> {}
