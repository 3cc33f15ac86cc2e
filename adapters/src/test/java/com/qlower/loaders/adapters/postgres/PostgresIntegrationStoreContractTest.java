package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.testing.IntegrationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL integration store keeps the contract the in-memory one of the core tests keeps. */
class PostgresIntegrationStoreContractTest extends IntegrationStoreContract {

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();

    @Override
    protected IntegrationStore emptyStore() {
        return new PostgresIntegrationStore(testDatabase.database());
    }
}
