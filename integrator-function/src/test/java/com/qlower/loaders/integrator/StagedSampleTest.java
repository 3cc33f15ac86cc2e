package com.qlower.loaders.integrator;

import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.StepOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The real integrator on {@code events/integrator-request.json}, from the transformed sample, stages exactly the
 * golden report the archiver's tests start from, and commits the same rows as {@link StagedSample#integrated}.
 */
class StagedSampleTest {

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET).emptiedBeforeEachTest();

    @ParameterizedTest
    @Event(value = "../events/integrator-request.json", type = IntegrateRequest.class)
    void theSampleIntegrated_isTheGoldenCopyTheArchiversTestsStartFrom_andTheRowsTheFixtureCommits(
            IntegrateRequest request) throws Exception {
        StagedSample.transformed(infrastructure.objectStore());
        IntegratorHandler integrator = IntegratorWiring.forLocal(LocalAdapters.onPostgres(
                infrastructure.objectStore(), infrastructure.database(), CLOCK).withAudit(AuditTrail.NONE),
                DOCUMENTS_BUCKET, MetricsLog.discarded());

        IntegrateResult result = integrator.handleRequest(request,
                LambdaContexts.named("qlower-loaders-prod-integrator"));

        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 13, 0, 0, 0));
        StagedSample.assertStaged(StagedSample.Stage.INTEGRATED, infrastructure);
        Map<String, List<String>> committed = rows();
        assertThat(committed.get("transactions")).hasSize(13);
        assertThat(committed.get("ingestion_runs")).hasSize(1);

        infrastructure.emptyBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET);
        infrastructure.resetDatabase();
        StagedSample.integrated(infrastructure.objectStore(), infrastructure.database());

        assertThat(rows()).as("what the fixture commits is what the integrator commits").isEqualTo(committed);
    }

    /**
     * Every row of every table the migrations made, table by table, each row as text, sorted; without
     * {@code created_at} and {@code updated_at}, the database's clock at the commit.
     */
    private static Map<String, List<String>> rows() {
        return infrastructure.database().jdbi().withHandle(h -> {
            Map<String, List<String>> tables = new TreeMap<>();
            for (String table : h.createQuery("select table_name from information_schema.tables where table_schema "
                    + "= current_schema() and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")
                    .mapTo(String.class).list()) {
                tables.put(table, h.createQuery("select * from " + table).mapToMap().stream()
                        .map(row -> {
                            Map<String, Object> columns = new TreeMap<>(row);
                            columns.keySet().removeAll(List.of("created_at", "updated_at"));
                            return columns.toString();
                        }).sorted().toList());
            }
            return tables;
        });
    }
}
