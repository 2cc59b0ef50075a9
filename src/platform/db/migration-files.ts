import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  /** Where it was read from, as messages show it (relative to the checkout when inside it). */
  path: string;
  sql: string;
  checksum: string;
}

/**
 * Every context's migrations folder: `src/<context>/migrations/`. The folder is the owner (a
 * table's migration lives with the context that owns the table); the version orders them all.
 */
export async function contextMigrationDirs(src: string = SRC): Promise<string[]> {
  const dirs: string[] = [];
  for (const entry of await readdir(src, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(src, entry.name, 'migrations');
    if ((await stat(dir).catch(() => undefined))?.isDirectory()) dirs.push(dir);
  }
  return dirs;
}

/**
 * The migrations of all `dirs` in one global order, by version. Versions are numbers with gaps
 * allowed (ranges are handed out per branch of work); a version used twice is refused, naming both
 * files, since the order between them would be a guess.
 */
export async function readMigrations(dirs: readonly string[]): Promise<Migration[]> {
  const byVersion = new Map<string, Migration>();
  for (const dir of dirs) {
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql'))) {
      const path = join(dir, file);
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file ${path} is not named NNNN_name.sql (lower case)`);
      const [, version = '', name = ''] = match;
      const other = byVersion.get(version);
      if (other) {
        throw new Error(
          `Migrations ${other.path} and ${shown(path)} share version ${version}: every migration needs ` +
            `a version of its own (one order for all contexts). Renumber the newer one to a free number of your range.`,
        );
      }
      const sql = await readFile(path, 'utf8');
      byVersion.set(version, { version, name, path: shown(path), sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  return [...byVersion.values()].sort((a, b) => a.version.localeCompare(b.version));
}

/** A path as a reader of the message finds it: relative to the source tree when inside it. */
function shown(path: string): string {
  const inside = relative(join(SRC, '..'), path);
  return inside.startsWith('..') ? path : inside;
}
