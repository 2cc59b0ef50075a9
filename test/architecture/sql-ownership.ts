import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * Who owns which table, and who names which table: read from the source tree, not from a list kept
 * by hand. A table belongs to the context whose `migrations/` folder creates it; the migration
 * runner's own `schema_migrations` belongs to `platform`.
 */
export interface SourceFile {
  /** Path relative to the checkout, with forward slashes (`src/links/policy.service.ts`). */
  path: string;
  text: string;
}

/** A foreign key from one context's table to another's: `table.column → target`. */
export interface CrossReference {
  from: string;
  table: string;
  column: string;
  to: string;
  target: string;
}

const NOT_CONTEXTS = new Set(['kernel', 'contracts', 'platform', 'app']);
const PLATFORM_TABLES = ['schema_migrations'];

/** `src/<top>/…` → `<top>`. */
const topOf = (path: string) => path.split('/')[1] ?? '';
const isMigration = (path: string) => /^src\/[^/]+\/migrations\/[^/]+\.sql$/.test(path) && !NOT_CONTEXTS.has(topOf(path));
/** Tests set up and inspect whatever tables they need; the rule is for the code that runs. */
const isTestCode = (path: string) => /\.(test|suite|contract)\.ts$/.test(path);

/** Every .ts and .sql file under `dir`, as SourceFiles relative to `root`. */
export function readSources(root: string, dir = join(root, 'src')): SourceFile[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return readSources(root, full);
    if (!/\.(ts|sql)$/.test(name)) return [];
    return [{ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '');

/** The string literals of a TypeScript file, with `${…}` holes as `?`, and the line each starts on. */
export function stringsOf(file: SourceFile): { text: string; line: number }[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((span) => ` ? ${span.literal.text}`).join('');
    if (text !== undefined) out.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    // A template's literal parts are read above; its holes may hold strings of their own.
    if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => visit(span.expression));
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const LOOKS_LIKE_SQL = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE|ALTER TABLE)\b/;
// A name after one of these keywords is a table; after FROM and JOIN, unless a "(" follows (a set-returning
// function: unnest(…)).
const TABLE_AFTER_KEYWORD = /\b(?:INTO|UPDATE|TABLE|REFERENCES|TRUNCATE|INDEX\s+[a-z_][a-z0-9_]*\s+ON)\s+(?:ONLY\s+|IF\s+(?:NOT\s+)?EXISTS\s+)?([a-z_][a-z0-9_]*)/g;
const TABLE_AFTER_FROM = /\b(?:FROM|JOIN)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)\b(?!\s*\()/g;
const CTE_NAME = /\b([a-z_][a-z0-9_]*)\s+AS\s*\(/g;

/** The tables an SQL text names (common table expressions it defines are not tables). */
export function tablesNamed(sql: string): string[] {
  const ctes = new Set([...sql.matchAll(CTE_NAME)].map((m) => m[1]!));
  const text = stripComments(sql);
  const names = [...text.matchAll(TABLE_AFTER_KEYWORD), ...text.matchAll(TABLE_AFTER_FROM)].map((m) => m[1]!);
  return [...new Set(names)].filter((t) => !ctes.has(t));
}

/** Table → owning context, from the CREATE TABLE statements of every context's migrations. */
export function tableOwners(files: readonly SourceFile[]): { owners: Map<string, string>; problems: string[] } {
  const owners = new Map<string, string>(PLATFORM_TABLES.map((t) => [t, 'platform']));
  const problems: string[] = [];
  for (const file of files.filter((f) => f.path.endsWith('.sql'))) {
    if (!isMigration(file.path)) {
      problems.push(`${file.path}: SQL files belong in the owning context's migrations folder (src/<context>/migrations/NNNN_name.sql)`);
      continue;
    }
    for (const [, table] of stripComments(file.text).matchAll(/\bCREATE TABLE\s+(?:IF NOT EXISTS\s+)?([a-z_][a-z0-9_]*)/g)) {
      const other = owners.get(table!);
      if (other) problems.push(`${file.path}: creates ${table}, which ${other} already creates`);
      else owners.set(table!, topOf(file.path));
    }
  }
  return { owners, problems };
}

/** Foreign keys in migrations that point at another context's table. */
export function crossReferences(files: readonly SourceFile[], owners: Map<string, string>): CrossReference[] {
  const out: CrossReference[] = [];
  for (const file of files.filter((f) => isMigration(f.path))) {
    let table = '';
    for (const line of stripComments(file.text).split('\n')) {
      table = /\b(?:CREATE|ALTER) TABLE\s+(?:IF NOT EXISTS\s+)?([a-z_][a-z0-9_]*)/.exec(line)?.[1] ?? table;
      const ref =
        /\bFOREIGN KEY\s*\(([a-z_][a-z0-9_]*)\)\s*REFERENCES\s+([a-z_][a-z0-9_]*)/.exec(line) ??
        /(?:^\s*|ADD COLUMN\s+)([a-z_][a-z0-9_]*)\s+[a-z].*\bREFERENCES\s+([a-z_][a-z0-9_]*)/.exec(line);
      if (!ref) continue;
      const [, column, target] = ref;
      const from = topOf(file.path);
      const to = owners.get(target!) ?? '?';
      if (to !== from) out.push({ from, table, column: column!, to, target: target! });
    }
  }
  return out;
}

/** Every place where code names a table its context does not own (or no known table at all). */
export function ownershipViolations(files: readonly SourceFile[], owners: Map<string, string>): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const owner = topOf(file.path);
    const named: { table: string; line: number }[] = [];
    if (file.path.endsWith('.sql')) {
      if (isMigration(file.path)) for (const table of tablesNamed(file.text.replace(/\bREFERENCES\s+[a-z_]+/g, ''))) named.push({ table, line: 0 });
    } else if (!isTestCode(file.path)) {
      for (const { text, line } of stringsOf(file)) {
        if (LOOKS_LIKE_SQL.test(text)) for (const table of tablesNamed(text)) named.push({ table, line });
      }
    }
    for (const { table, line } of named) {
      const where = line ? `${file.path}:${line}` : file.path;
      const tableOwner = owners.get(table);
      if (!tableOwner) violations.push(`${where}: names ${table}, which no context's migrations create`);
      else if (tableOwner !== owner) violations.push(`${where}: ${owner} names ${table}, which belongs to ${tableOwner}`);
    }
  }
  return violations;
}

/**
 * The foreign keys across contexts that docs/architecture.md allows: the rows of the table under
 * "### Foreign keys across contexts", `table.column` (or `*.column`, any table) in the first
 * column and the target table in the second, both in backticks.
 */
export function documentedReferences(markdown: string): { columns: string[]; target: string }[] {
  const section = /### Foreign keys across contexts\n([\s\S]*?)(?=\n#|$)/.exec(markdown)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) => line.split('|').slice(1, 3))
    .map(([from = '', to = '']) => ({
      columns: [...from.matchAll(/`([a-z_*][a-z0-9_]*\.[a-z_][a-z0-9_]*)`/g)].map((m) => m[1]!),
      target: /`([a-z_][a-z0-9_]*)`/.exec(to)?.[1] ?? '',
    }))
    .filter((row) => row.columns.length > 0 && row.target);
}

/** Whether `documented` allows the reference (`*.column` stands for any table's column). */
export function allows(documented: readonly { columns: string[]; target: string }[], ref: CrossReference): boolean {
  return documented.some(
    (row) => row.target === ref.target && row.columns.some((c) => c === `${ref.table}.${ref.column}` || c === `*.${ref.column}`),
  );
}
