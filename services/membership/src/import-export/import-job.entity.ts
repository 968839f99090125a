import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RowProblem } from './import-row.js';

export type ImportJobStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface RejectedRow extends RowProblem {
  /** Row number in the file; the header is row 1. */
  row: number;
}

/** One member file upload and its progress. Rows are processed after the upload request returns. */
@Entity({ name: 'import_jobs' })
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'file_format', type: 'varchar', length: 4 })
  fileFormat!: 'csv' | 'xlsx';

  @Column({ type: 'varchar', length: 10 })
  status!: ImportJobStatus;

  @Column({ name: 'total_rows', type: 'int' })
  totalRows!: number;

  @Column({ name: 'processed_rows', type: 'int' })
  processedRows!: number;

  @Column({ name: 'created_count', type: 'int' })
  createdCount!: number;

  /** Rows whose member already exists with the same phone and name, as on a re-import. */
  @Column({ name: 'skipped_count', type: 'int' })
  skippedCount!: number;

  @Column({ name: 'rejected_count', type: 'int' })
  rejectedCount!: number;

  @Column({ name: 'rejected_rows', type: 'jsonb' })
  rejectedRows!: RejectedRow[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
