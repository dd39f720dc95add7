import { inject } from 'vitest';
import { createDatabase } from '../../_lib/postgres.js';

// On PostgreSQL, every server a test file starts without a harness (and every child server, which inherits
// the environment) uses one database of its own for the file: a restart on the same data directory finds
// its data again, as it does in the SQLite file.
const admin = inject('pgAdminUrl');
if (admin) process.env.DATABASE_URL = await createDatabase(admin);
