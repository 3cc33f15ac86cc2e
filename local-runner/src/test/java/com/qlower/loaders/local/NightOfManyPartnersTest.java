package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import com.qlower.loaders.transformer.UpstreamWait;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, a night of many partners: 40 partners drop their three files at the same moment, on a PostgreSQL that
 * accepts 20 connections. Within a budget of 8 connections every file is integrated, nothing fails, and the
 * pipeline never has more connections open than its budget ({@code pg_stat_activity}, sampled throughout).
 */
@Slow(seconds = 16)
class NightOfManyPartnersTest {

    private static final int PARTNERS = 40;
    private static final int MAX_CONNECTIONS = 20;
    private static final int BUDGET = 8;
    private static final String DATE = "20261123";
    private static final List<String> LOADERS = List.of("caracteristiques", "transactions", "documents");

    @TempDir
    Path work;

    @Test
    void fortyPartnersThreeFilesEach_droppedTogether_allIntegrate_withinTheConnectionBudget() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.fresh(Map.of("max_connections",
                String.valueOf(MAX_CONNECTIONS)))) {
            String url = postgres.createDatabase("night");
            // the upstream wait is long enough for the last partner's caracteristiques, queued behind the others
            LocalPipeline.Settings settings = new LocalPipeline.Settings(null, url, (execution, state) -> { }, 100,
                    new UpstreamWait(Duration.ofMinutes(1), Duration.ofMinutes(10)), MetricsLog.discarded(), BUDGET);
            try (LocalPipeline pipeline = new LocalPipeline(settings);
                 ConnectionSampler sampler = new ConnectionSampler(url)) {
                List<String[]> files = new ArrayList<>();
                for (int p = 1; p <= PARTNERS; p++) {
                    String partner = String.format(Locale.ROOT, "partner-%02d", p);
                    pipeline.partners().save(InMemoryPartnerRegistry.everyLoader(partner));
                    for (String loader : LOADERS) {
                        files.add(new String[] {"inbox/" + partner + "/" + loader + "_" + DATE + ".json",
                                write(partner, loader).toString()});
                    }
                }

                sampler.start();
                Instant start = Instant.now();
                List<LocalPipeline.FileRun> runs = dropTogether(pipeline, files);
                Duration took = Duration.between(start, Instant.now());
                int peak = sampler.stop();

                System.out.printf(Locale.ROOT, "night of many partners: %d files of %d partners in %.1f s, "
                        + "budget %d connections, peak %d open (max_connections %d)%n", runs.size(), PARTNERS,
                        took.toMillis() / 1000.0, BUDGET, peak, MAX_CONNECTIONS);
                assertThat(runs).hasSize(PARTNERS * LOADERS.size()).allSatisfy(run -> {
                    assertThat(run.execution().status()).as(run.key() + " " + run.execution().error())
                            .isEqualTo(LocalStateMachine.Execution.Status.SUCCEEDED);
                    assertThat(run.report().outcome()).as(run.key() + " " + run.report().errors())
                            .isEqualTo(FileOutcome.SUCCEEDED);
                    assertThat(run.execution().statesEntered()).as(run.key()).contains("FileIntegrated");
                });
                assertThat(count(pipeline, "select count(*) from ingestion_runs where status = 'SUCCEEDED'"))
                        .isEqualTo(PARTNERS * LOADERS.size());
                assertThat(count(pipeline, "select count(distinct partner_id) from transactions"))
                        .isEqualTo(PARTNERS);
                assertThat(peak).as("connections the pipeline had open at once").isBetween(2, BUDGET);
            }
        }
    }

    /** Every file dropped at the same moment, each from its own thread, then each execution awaited. */
    private static List<LocalPipeline.FileRun> dropTogether(LocalPipeline pipeline, List<String[]> files)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<LocalPipeline.FileRun>> runs = new ArrayList<>();
        try (ExecutorService partners = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String[] file : files) {
                runs.add(partners.submit(() -> {
                    go.await();
                    return pipeline.drop(file[0], Path.of(file[1])).finish();
                }));
            }
            go.countDown();
            List<LocalPipeline.FileRun> ended = new ArrayList<>();
            for (Future<LocalPipeline.FileRun> run : runs) {
                ended.add(run.get());
            }
            return ended;
        }
    }

    /** The sample drop's file of that loader, as the given partner sends it. */
    private Path write(String partner, String loader) throws IOException {
        return SampleNight.drop(work).sample(partner, loader);
    }

    private static long count(LocalPipeline pipeline, String sql) {
        return pipeline.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Counts the pipeline's connections in pg_stat_activity every 10 ms, on a connection of its own. */
    private static final class ConnectionSampler implements AutoCloseable {
        private final Connection connection;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicInteger peak = new AtomicInteger();
        private Thread thread;

        ConnectionSampler(String url) throws SQLException {
            this.connection = DriverManager.getConnection(url);
        }

        void start() {
            running.set(true);
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (Statement statement = connection.createStatement()) {
                    while (running.get()) {
                        try (ResultSet rs = statement.executeQuery("select count(*) from pg_stat_activity "
                                + "where backend_type = 'client backend' and application_name = 'qlower-loaders'")) {
                            rs.next();
                            peak.accumulateAndGet(rs.getInt(1), Math::max);
                        }
                        Thread.sleep(10);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException("sampling pg_stat_activity", e);
                }
            });
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return peak.get();
        }

        @Override
        public void close() throws SQLException {
            running.set(false);
            connection.close();
        }
    }
}
