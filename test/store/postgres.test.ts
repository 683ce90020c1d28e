// The store suite on PostgreSQL (the server CI runs on 127.0.0.1:5432): each database is a new sb_test_<random>.
import { PostgresStore } from '../../src/store/postgres.ts';
import { createTestDatabase, queryDatabase } from '../helpers/shared-infra.ts';
import { storeSuite } from './store-suite.ts';

storeSuite({
  location: (t) => createTestDatabase(t),
  open: (url) => new PostgresStore(url, { poolSize: 4 }),
  query: (url, sql) => queryDatabase(url, sql),
});
