import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts one row and returns it as an entity, hydrated from the row PostgreSQL returns, so
 * column defaults and normalised values (numeric scale, dates) come back without a second read.
 */
export async function insertReturning<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<T> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(values)
    .returning('*')
    .updateEntity(false)
    .execute();
  const row = (result.raw as Record<string, unknown>[])[0];
  if (!row) throw new Error('INSERT ... RETURNING * returned no row');

  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = manager.connection.driver.prepareHydratedValue(row[column.databaseName], column);
    column.setEntityValue(entity, value);
  }
  return entity;
}
