import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { connect } from 'amqplib';
import pg from 'pg';
import type { MachineInfo, MachineLoad } from './results.js';
import { benchEnv } from '../settings.js';

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: benchEnv('TEST_DATABASE_URL') });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

async function rabbitMqVersion(): Promise<string> {
  const connection = await connect(benchEnv('TEST_AMQP_URL'));
  try {
    const properties = connection.connection.serverProperties as { version?: string };
    return properties.version ?? 'unknown';
  } finally {
    await connection.close();
  }
}

function operatingSystem(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]}, ${type()} ${release()}`;
  } catch {
    // Not Linux: the kernel name is enough.
  }
  return `${type()} ${release()}`;
}

export async function describeMachine(): Promise<MachineInfo> {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    postgres: await postgresVersion(),
    rabbitmq: await rabbitMqVersion(),
    os: operatingSystem(),
  };
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const processor of cpus()) {
    const { user, nice, sys, idle, irq } = processor.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + idle + irq;
  }
  return { busy, total };
}

/** Samples how busy the machine's CPUs are over `sampleMs`, while the bench itself waits. */
export async function sampleMachineLoad(sampleMs = 2000): Promise<MachineLoad> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = cpuTimes();
  const total = after.total - before.total;
  return {
    cpuBusyPercent: total > 0 ? ((after.busy - before.busy) / total) * 100 : 0,
    loadAverage: loadavg()[0]!,
  };
}
