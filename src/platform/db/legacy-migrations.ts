/**
 * Migrations as hutong recorded them before each context kept its own (up to release b01f6cb, all
 * in src/platform/db/migrations/), where they were later split or renamed.
 *
 * A database holding one of these — this version, name and checksum — already has the schema that
 * the migrations in `becomes` create: the runner replaces the old record by theirs and runs nothing.
 * Migrations moved unchanged (0001–0004) need no entry: their version, name and checksum are the same.
 * test/db/upgrade.test.ts proves each entry on a database built by that release's own files
 * (kept in test/fixtures/migrations-b01f6cb/). Never edit an entry; add one when a split happens again.
 */
export interface LegacyMigration {
  version: string;
  name: string;
  /** sha256 of the file as that release applied it. */
  checksum: string;
  /** The current migrations (versions) that make exactly what it made. */
  becomes: readonly string[];
}

export const legacyMigrations: readonly LegacyMigration[] = [
  // Shows and stream keys: now the live context's (0005_shows), the same statements.
  { version: '0005', name: 'media', checksum: '2037f98c25790edd0246a4091456bc3f34b3782d2f36d2772bb61ee1a04a9e93', becomes: ['0005'] },
  // Split by owner: catalog (0006_catalog_listings), cart (0007_cart), links (0008_links).
  {
    version: '0006',
    name: 'cart_links',
    checksum: '7944e1488612ce4d93c8a96d0bca915733a62984b27f136e1dfdebdc10f073c7',
    becomes: ['0006', '0007', '0008'],
  },
];
