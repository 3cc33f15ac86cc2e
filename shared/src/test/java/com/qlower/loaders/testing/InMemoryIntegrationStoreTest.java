package com.qlower.loaders.testing;

import com.qlower.loaders.ports.IntegrationStore;
import java.time.Instant;

/** The in-memory integration store keeps the contract the PostgreSQL one keeps. */
class InMemoryIntegrationStoreTest extends IntegrationStoreContract {

    @Override
    protected IntegrationStore emptyStore() {
        return new InMemoryIntegrationStore(Instant.parse("2026-11-23T09:00:00Z"));
    }
}
