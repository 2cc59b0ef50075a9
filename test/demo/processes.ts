import { readdirSync, readFileSync } from 'node:fs';

/** Every process now running: pid → parent pid and command name (from /proc; Linux). */
function processTable(): Map<number, { ppid: number; comm: string }> {
  const table = new Map<number, { ppid: number; comm: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read around the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      table.set(Number(name), { ppid, comm });
    } catch {
      /* gone meanwhile */
    }
  }
  return table;
}

/** The processes started, directly or not, by `root` and still running: pid → command name. */
export function descendants(root: number): Map<number, string> {
  const table = processTable();
  const found = new Map<number, string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid, comm }] of table)
      if (!found.has(pid) && (ppid === root || found.has(ppid))) {
        found.set(pid, comm);
        grew = true;
      }
  }
  return found;
}

/** Which of `pids` still run the same command (a pid reused by another program does not count). */
export function stillRunning(pids: Map<number, string>): string[] {
  const table = processTable();
  return [...pids].filter(([pid, comm]) => table.get(pid)?.comm === comm).map(([pid, comm]) => `${comm} (${pid})`);
}
