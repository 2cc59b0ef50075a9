import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, ConfigError } from './config';
import { serve } from './serve';
import { openDatabase } from './infrastructure';
import { createIdentity } from '../identity';
import { MemoryBus } from '../platform/bus/bus.memory';
import { systemClock } from '../kernel/clock';
import { email as emailSchema, password as passwordSchema } from '../contracts/identity.schemas';
import { readSecret } from './read-secret';

const program = new Command('hutong').description('hutong (互通): open live commerce');

program
  .command('serve', { isDefault: true })
  .description('run hutong: web app, API and (later) ingest, on the configured database and bus')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply database migrations and exit (serve also does this on start)')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    await db.close();
    console.log('database is up to date');
  });

const admin = program.command('admin').description('administration');
admin
  .command('create-operator')
  .description('create a platform operator (or make an existing account one); the password is read from stdin')
  .requiredOption('--email <email>', 'the operator account email')
  .option('--name <name>', 'display name', 'Operator')
  .action(async (opts: { email: string; name: string }) => {
    const email = emailSchema.parse(opts.email);
    const password = passwordSchema.parse(await readSecret('Password for the operator: '));
    const db = await openDatabase(loadConfig());
    try {
      const { accounts } = createIdentity({ db, bus: new MemoryBus(), clock: systemClock, sessionTtlHours: 1, sessionCacheMs: 0, apiKeyRatePerMinute: 1 });
      const user = await accounts.ensureOperator({ email, password, displayName: opts.name });
      console.log(`operator ready: ${user.email}`);
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof z.ZodError) console.error(`invalid input:\n${z.prettifyError(err)}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
