package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.testing.IntegrationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL integration store keeps the contract the in-memory one of the core tests keeps. */
class PostgresIntegrationStoreContractTest extends IntegrationStoreContract {

    private static LocalPostgres postgres;
    private static Database database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.fresh();
        database = new Database(new DatabaseConfig(postgres.createDatabase("contract"), LocalPostgres.USER, null), 4);
        database.migrate();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected IntegrationStore emptyStore() {
        database.jdbi().useHandle(h -> h.execute("truncate owners, properties, transactions, documents, "
                + "document_contents, owner_files, retirement_authorizations, erasure_purges, erasures, "
                + "ingestion_runs cascade"));
        return new PostgresIntegrationStore(database);
    }
}
