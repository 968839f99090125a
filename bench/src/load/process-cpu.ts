import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: USER_HZ, 100 on Linux. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux).
 * Measured over a load phase, it shows what a request costs a server whatever else the
 * machine is running, which only stretches the wall-clock time.
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) throw new Error('the process is not running');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in brackets may contain spaces, so fields are counted after its `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return ((userTicks + systemTicks) * 1000) / TICKS_PER_SECOND;
}

/** Runs `work` and returns its result with the CPU milliseconds each pid used meanwhile. */
export async function withCpuUsage<T>(
  pids: (number | undefined)[],
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: number[] }> {
  const before = pids.map(processCpuMs);
  const result = await work();
  const cpuMs = pids.map((pid, index) => processCpuMs(pid) - before[index]!);
  return { result, cpuMs };
}
