import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allows, crossReferences, documentedReferences, ownershipViolations, readSources, tableOwners, tablesNamed, type SourceFile,
} from './sql-ownership';

const root = fileURLToPath(new URL('../..', import.meta.url));
const architecture = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');

/**
 * Each context owns its tables (docs/architecture.md, "Contexts"): the import lint cannot see SQL,
 * so this reads every SQL string in src/ — the code's string literals and every migration — and
 * fails where a context names a table another context owns.
 */
describe('each context names only its own tables', () => {
  const sources = readSources(root);
  const { owners, problems } = tableOwners(sources);

  it('every table is created by one context, in its migrations folder', () => {
    expect(problems).toEqual([]);
    expect(owners.get('users')).toBe('identity');
    expect(owners.get('room_cart_items')).toBe('cart');
    expect(owners.get('shows')).toBe('live');
  });

  it("no context's SQL names another context's table", () => {
    expect(ownershipViolations(sources, owners)).toEqual([]);
  });

  it('a foreign key to another context exists only where docs/architecture.md allows it, and every allowed one exists', () => {
    const documented = documentedReferences(architecture);
    const actual = crossReferences(sources, owners);
    expect(actual.filter((ref) => !allows(documented, ref)).map((r) => `${r.from} ${r.table}.${r.column} → ${r.to} ${r.target}`)).toEqual([]);
    const unused = documented.flatMap((row) => row.columns.filter((c) => !actual.some((ref) => allows([{ columns: [c], target: row.target }], ref))));
    expect(unused).toEqual([]);
  });
});

/** The reader itself, on small made-up trees: it must see what it is for. */
describe('the SQL ownership reader', () => {
  const migration = (path: string, text: string): SourceFile => ({ path, text });
  const tree = [
    migration('src/identity/migrations/0001_identity.sql', 'CREATE TABLE users (id uuid PRIMARY KEY);'),
    migration(
      'src/links/migrations/0008_links.sql',
      'CREATE TABLE link_policy (\n  updated_by uuid REFERENCES users(id)\n);\nCREATE INDEX link_policy_by ON link_policy (updated_by);',
    ),
  ];
  const { owners } = tableOwners(tree);

  it('finds the tables of SELECT, JOIN, INSERT, UPDATE and DELETE, but not set-returning functions', () => {
    expect(tablesNamed(`SELECT p.mode, u.name FROM link_policy p LEFT JOIN users u ON u.id = p.updated_by`)).toEqual(['link_policy', 'users']);
    expect(tablesNamed(`INSERT INTO click_links (code) SELECT code FROM unnest($1::text[]) AS made(code) ON CONFLICT DO NOTHING`)).toEqual(['click_links']);
    expect(tablesNamed(`UPDATE shows SET state = $2 WHERE id = $1`)).toEqual(['shows']);
    expect(tablesNamed(`DELETE FROM rooms WHERE id = $1`)).toEqual(['rooms']);
  });

  it("reports a context's query that joins another context's table, with file and line", () => {
    const code = { path: 'src/links/policy.service.ts', text: "const a = 1;\nconst sql = `SELECT u.display_name FROM link_policy p JOIN users u ON u.id = p.updated_by`;" };
    expect(ownershipViolations([...tree, code], owners)).toEqual(['src/links/policy.service.ts:2: links names users, which belongs to identity']);
  });

  it('reports a table no migration creates, an index on another context’s table, and SQL outside migrations', () => {
    const index = migration('src/cart/migrations/0007_cart.sql', 'CREATE INDEX users_email ON users (email);');
    const stray = migration('src/platform/db/migrations/0020_x.sql', 'CREATE TABLE x (n int);');
    const code = { path: 'src/cart/cart.repo.ts', text: "q.query('SELECT id FROM carts WHERE id = $1')" };
    expect(ownershipViolations([...tree, index, code], owners)).toEqual([
      'src/cart/migrations/0007_cart.sql: cart names users, which belongs to identity',
      "src/cart/cart.repo.ts:1: names carts, which no context's migrations create",
    ]);
    expect(tableOwners([...tree, stray]).problems).toEqual([
      "src/platform/db/migrations/0020_x.sql: SQL files belong in the owning context's migrations folder (src/<context>/migrations/NNNN_name.sql)",
    ]);
  });

  it('lists a foreign key into another context, allowed only by a documented row', () => {
    const [ref] = crossReferences(tree, owners);
    expect(ref).toEqual({ from: 'links', table: 'link_policy', column: 'updated_by', to: 'identity', target: 'users' });
    const doc = '### Foreign keys across contexts\n\n| from | to | why |\n|---|---|---|\n| links `link_policy.updated_by` | identity `users` | audit |\n';
    expect(allows(documentedReferences(doc), ref!)).toBe(true);
    expect(allows(documentedReferences(doc.replace('updated_by', 'created_by')), ref!)).toBe(false);
    expect(allows(documentedReferences('| `*.updated_by` | `users` |'), ref!)).toBe(false); // outside the section
  });
});
