package com.qlower.loaders.local;

import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole local pipeline for one test class, on a database of its own on the test JVM's PostgreSQL: started
 * before the class's tests (its partners registered), closed after them, then its database dropped.
 * <pre>{@code @RegisterExtension
 * static final TestPipeline pipeline = TestPipeline.quiet().withPartners("gestimmo");}</pre>
 * Its tests reach the pipeline with {@link #get()}.
 */
final class TestPipeline implements BeforeAllCallback, AfterAllCallback {

    private final Function<String, LocalPipeline.Settings> settingsOn;
    private final List<String> partners = new ArrayList<>();
    private TestDatabase database;
    private LocalPipeline pipeline;

    private TestPipeline(Function<String, LocalPipeline.Settings> settingsOn) {
        this.settingsOn = settingsOn;
    }

    /** Its progress told to nobody, its retries a thousand times quicker than on AWS. */
    static TestPipeline quiet() {
        return listenedBy((execution, state) -> { });
    }

    /** Each state an execution enters told to the listener, its retries a thousand times quicker than on AWS. */
    static TestPipeline listenedBy(LocalStateMachine.Listener listener) {
        return with(dbUrl -> new LocalPipeline.Settings(null, dbUrl, listener, 1000));
    }

    /** @param settingsOn the pipeline's settings on the database of this URL */
    static TestPipeline with(Function<String, LocalPipeline.Settings> settingsOn) {
        return new TestPipeline(settingsOn);
    }

    /** Partners registered for every loader before the tests. */
    TestPipeline withPartners(String... partnerIds) {
        partners.addAll(List.of(partnerIds));
        return this;
    }

    LocalPipeline get() {
        if (pipeline == null) {
            throw new IllegalStateException("the pipeline starts before the class's tests: register the extension");
        }
        return pipeline;
    }

    /** The JDBC URL of its database, for the commands that take {@code --db-url}. */
    String dbUrl() {
        return database.url();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.create();
        pipeline = new LocalPipeline(settingsOn.apply(database.url()));
        for (String partner : partners) {
            pipeline.partners().save(InMemoryPartnerRegistry.everyLoader(partner));
        }
    }

    /** The pipeline first, then its database: no execution is left writing to a dropped database. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }
}
