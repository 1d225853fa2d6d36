import { randomUUID } from 'node:crypto';
import { Column, PrimaryColumn, type ValueTransformer } from 'typeorm';

/**
 * Column kinds that mean the same on SQLite and MySQL. Migrations create the physical
 * types (LONGTEXT, DATETIME(3), DECIMAL) per driver; entities only need the logical ones.
 */
export const newId = (): string => randomUUID();

export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const RefColumn = (options: { nullable?: boolean } = {}) => Column({ type: 'varchar', length: 36, nullable: options.nullable ?? false });

/** Millisecond timestamps stored in UTC. */
export const TimeColumn = (options: { nullable?: boolean } = {}) =>
  Column({ type: 'datetime', precision: 3, nullable: options.nullable ?? false, transformer: dateTransformer });

const dateTransformer: ValueTransformer = {
  to: (v: Date | null | undefined) => v ?? null,
  from: (v: Date | string | null) => (v == null ? null : v instanceof Date ? v : new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z')),
};

/**
 * Exact decimals travel as strings ("150.3100"); SQLite hands back numbers, MySQL strings,
 * both are normalised to a fixed-scale string here.
 */
export const DecimalColumn = (precision: number, scale: number, options: { nullable?: boolean } = {}) =>
  Column({
    type: 'decimal',
    precision,
    scale,
    nullable: options.nullable ?? true,
    transformer: {
      to: (v: string | null | undefined) => (v == null ? null : v),
      from: (v: string | number | null) => (v == null ? null : typeof v === 'number' ? v.toFixed(scale) : Number.isNaN(Number(v)) ? null : fixScale(v, scale)),
    },
  });

function fixScale(v: string, scale: number): string {
  const [int, frac = ''] = v.split('.');
  return scale === 0 ? int : `${int}.${(frac + '0'.repeat(scale)).slice(0, scale)}`;
}

/** A JSON document kept as text (LONGTEXT on MySQL): the package documents, templates, payloads. */
export const JsonColumn = (options: { nullable?: boolean } = {}) =>
  Column({
    type: 'text',
    nullable: options.nullable ?? false,
    transformer: {
      to: (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v)),
      from: (v: string | null) => (v == null ? null : JSON.parse(v)),
    },
  });
