import type { EntityManager } from 'typeorm';
import { REPORTING_SCHEMA } from '../database/schema.js';

/**
 * Creates the fact row of an entity when missing and locks it for the rest of the transaction,
 * so two events of one entity are applied one after the other. Raises when the id belongs to
 * another tenant, which moves the event to the dead-letter queue instead of mixing tenants.
 */
export async function lockFact<T extends { tenant_id: string }>(
  manager: EntityManager,
  table: 'payment_facts' | 'sale_facts',
  idColumn: 'payment_id' | 'sale_id',
  id: string,
  tenantId: string,
  columns: string,
): Promise<T> {
  await manager.query(
    `INSERT INTO ${REPORTING_SCHEMA}.${table} (${idColumn}, tenant_id) VALUES ($1, $2)
     ON CONFLICT (${idColumn}) DO NOTHING`,
    [id, tenantId],
  );
  const rows: T[] = await manager.query(
    `SELECT tenant_id, ${columns} FROM ${REPORTING_SCHEMA}.${table} WHERE ${idColumn} = $1 FOR UPDATE`,
    [id],
  );
  const fact = rows[0]!;
  if (fact.tenant_id !== tenantId) {
    throw new Error(`${idColumn} ${id} belongs to another tenant than the event's ${tenantId}`);
  }
  return fact;
}
