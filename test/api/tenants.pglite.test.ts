import { openPglite } from '../../src/platform/db/db.pglite';
import { describeTenantIsolation } from './tenants.suite';

describeTenantIsolation('PGlite', async () => ({ db: await openPglite({ dataDir: 'memory' }) }));
