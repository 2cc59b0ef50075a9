import { openPglite } from '../../src/platform/db/db.pglite';
import { describeCartTenantIsolation } from './tenants.suite';

describeCartTenantIsolation('PGlite', async () => ({ db: await openPglite({ dataDir: 'memory' }) }));
