import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@gym/testing';
import { insertReturning } from '../src/index.js';

@Entity({ name: 'receipts' })
class Receipt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'RECORDED' })
  status!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}

describe('insertReturning', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  before(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [Receipt] });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE receipts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      amount numeric(12,2) NOT NULL,
      paid_on date NOT NULL,
      note varchar(20),
      status varchar(20) NOT NULL DEFAULT 'RECORDED',
      created_at timestamptz NOT NULL DEFAULT now())`);
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('returns the stored row as entity', async () => {
    const receipt = await insertReturning(dataSource.manager, Receipt, {
      amount: '12.5',
      paidOn: '2026-03-01',
    });

    assert.ok(receipt instanceof Receipt, 'an instance of the entity class');
    assert.match(receipt.id, /^[0-9a-f-]{36}$/);
    assert.equal(receipt.amount, '12.50', 'numeric(12,2) comes back with its scale');
    assert.equal(receipt.paidOn, '2026-03-01', 'a date column stays a calendar date string');
    assert.equal(receipt.note, null);
    assert.equal(receipt.status, 'RECORDED', 'the column default is returned');
    assert.ok(receipt.createdAt instanceof Date, 'timestamptz comes back as a Date');

    const stored = await dataSource.manager.findOneByOrFail(Receipt, { id: receipt.id });
    assert.deepEqual({ ...receipt }, { ...stored }, 'the same values as a read of the row');
  });

  it('rejected row raises and stores nothing', async () => {
    const before = await dataSource.manager.count(Receipt);

    await assert.rejects(
      insertReturning(dataSource.manager, Receipt, {
        amount: '1.00',
        paidOn: '2026-03-01',
        note: 'x'.repeat(21),
      }),
      QueryFailedError,
    );
    assert.equal(await dataSource.manager.count(Receipt), before);
  });
});
