package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.testing.IntegrationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The integration store keeps the same contract with the statements of a server older than PostgreSQL 17 (an
 * {@code UPDATE} then an {@code INSERT}, no {@code MERGE ... RETURNING}), as on a database given by {@code --db-url}.
 */
class PostgresIntegrationStoreUpdateThenInsertTest extends IntegrationStoreContract {

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();

    @Override
    protected IntegrationStore emptyStore() {
        return new PostgresIntegrationStore(testDatabase.database(), RecordMerge.Statements.UPDATE_THEN_INSERT);
    }
}
