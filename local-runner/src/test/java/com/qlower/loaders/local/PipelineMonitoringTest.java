package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.logging.LogContext;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.testing.CapturedLog;
import com.qlower.loaders.adapters.testing.EmfLine;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What the functions send to CloudWatch, read on standard output while the sample drop goes through the whole
 * pipeline, as on a night: one JSON object per line; each line of ours naming its run, execution, partner, loader
 * and file; no personal data of the files on any line; and each file's metrics in Embedded Metric Format.
 */
@Isolated("captures the process's standard output")
class PipelineMonitoringTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.create();

    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final List<String> LOADERS = List.of("caracteristiques", "transactions", "documents");
    private static final List<String> STEPS = List.of("ValidationService", "TransformationService",
            "IntegrationService", "ArchiveService");
    /** The fields of the partner files that hold personal data (the address's street lines included). */
    private static final Set<String> PERSONAL_FIELDS = Set.of("first_name", "last_name", "company_name", "email",
            "phone", "bank_account_iban", "label", "counterparty", "file_name", "line1", "line2");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(180)
    void sampleDrop_logsJsonLinesNamingTheirFile_withoutPersonalData_andTheMetricsOfEachFile() throws Exception {
        Map<String, LocalPipeline.FileRun> runsById = new LinkedHashMap<>();
        List<String> lines;
        try (LocalPipeline pipeline = new LocalPipeline(new LocalPipeline.Settings(null, database.url(),
                (e, s) -> { }, 1000, LocalPipeline.Settings.LOCAL_UPSTREAM_WAIT, MetricsLog.standardOutput()));
             CapturedLog log = CapturedLog.start()) {
            pipeline.partners().save(InMemoryPartnerRegistry.everyLoader("gestimmo"));
            // the night's files land together, the one the others refer to last: they wait for it, each execution
            // on a thread of its own, so each thread's log lines must name its own file
            List<LocalPipeline.Dropped> dropped = new ArrayList<>();
            for (String loader : LOADERS.reversed()) {
                dropped.add(pipeline.drop("inbox/gestimmo/" + loader + "_20261123.json",
                        DROP.resolve(loader + "_20261123.json")));
            }
            for (LocalPipeline.Dropped file : dropped) {
                LocalPipeline.FileRun run = file.finish();
                assertThat(run.report().outcome()).as("precondition: %s succeeds", run.key())
                        .isEqualTo(FileOutcome.SUCCEEDED);
                runsById.put(run.runId(), run);
            }
            lines = log.lines();
        }

        assertThat(lines).as("every line on standard output is one JSON object").isNotEmpty()
                .allSatisfy(line -> assertThat(json(line).isObject()).as(line).isTrue());

        List<JsonNode> ours = lines.stream().filter(l -> !EmfLine.isEmf(l)).map(PipelineMonitoringTest::json)
                .filter(l -> l.path("logger").asText().startsWith("com.qlower.")).toList();
        assertThat(ours).allSatisfy(line -> {
            LocalPipeline.FileRun run = runsById.get(line.path(LogContext.RUN_ID).asText());
            assertThat(run).as("a line naming one of the runs: %s", line).isNotNull();
            assertThat(line.path(LogContext.OBJECT_KEY).asText()).as("%s", line).isEqualTo(run.key());
            assertThat(line.path(LogContext.EXECUTION_NAME).asText()).as("%s", line)
                    .isEqualTo(run.execution().name());
            assertThat(line.path(LogContext.PARTNER_ID).asText()).as("%s", line).isEqualTo("gestimmo");
            assertThat(line.path(LogContext.LOADER).asText()).as("%s", line).isEqualTo(loaderOf(run));
        });
        for (LocalPipeline.FileRun run : runsById.values()) {
            Set<String> loggers = new LinkedHashSet<>();
            ours.stream().filter(l -> l.path(LogContext.RUN_ID).asText().equals(run.runId()))
                    .forEach(l -> loggers.add(l.path("logger").asText().replaceAll(".*\\.", "")));
            assertThat(loggers).as("each step logs the file %s", run.key()).containsAll(STEPS);
        }

        Set<String> personal = personalValuesOfTheDrop();
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            personal.stream().filter(line::contains).forEach(value -> leaks.add(value + " in " + line));
        }
        assertThat(leaks).as("personal data in the logs").isEmpty();

        List<EmfLine> metrics = lines.stream().filter(EmfLine::isEmf).map(EmfLine::parse).toList();
        for (LocalPipeline.FileRun run : runsById.values()) {
            List<EmfLine> ofRun = metrics.stream().filter(m -> run.runId().equals(m.field(LogContext.RUN_ID)))
                    .toList();
            assertThat(ofRun).as("metrics of %s", run.key()).allSatisfy(m -> {
                assertThat(m.field("Partner")).isEqualTo("gestimmo");
                assertThat(m.field("Loader")).isEqualTo(loaderOf(run));
                assertThat(m.namespace(MetricsLog.STEP_DURATION)).isEqualTo("QlowerLoaders");
            });
            assertThat(ofRun).extracting(m -> m.field("Step")).as("a duration per step of %s", run.key())
                    .contains("Validate", "Transform", "Integrate", "Archive");
            assertThat(ofRun).filteredOn(m -> m.hasMetric("FilesSucceeded")).singleElement().satisfies(m -> {
                assertThat(m.metric("FilesSucceeded")).isEqualTo(1);
                assertThat(m.metric("FilesFailed")).isZero();
            });
            assertThat(ofRun).filteredOn(m -> m.hasMetric("RecordsAccepted")).singleElement()
                    .satisfies(m -> assertThat(m.metric("RecordsAccepted"))
                            .isEqualTo(run.report().counts().accepted()));
            assertThat(ofRun).filteredOn(m -> m.hasMetric("RecordsInserted")).singleElement()
                    .satisfies(m -> assertThat(m.metric("RecordsInserted"))
                            .isEqualTo(run.report().counts().inserted()));
        }
    }

    private static String loaderOf(LocalPipeline.FileRun run) {
        return run.key().replaceAll(".*/([a-z]+)_.*", "$1");
    }

    /**
     * Every value of a personal field in the drop's files, each also without its spaces (an IBAN is written both
     * ways).
     */
    private static Set<String> personalValuesOfTheDrop() throws IOException {
        Set<String> values = new LinkedHashSet<>();
        for (String loader : LOADERS) {
            collect(JSON.readTree(DROP.resolve(loader + "_20261123.json").toFile()).path("records"), values);
        }
        assertThat(values).as("precondition: the drop holds personal data")
                .contains("Rousseau", "helene.rousseau@example.fr", "SCI Les Tilleuls", "27 rue Edmond Rostand")
                .anyMatch(v -> v.startsWith("FR76"))
                .hasSizeGreaterThan(30);
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        node.properties().forEach(field -> {
            if (field.getValue().isTextual() && PERSONAL_FIELDS.contains(field.getKey())) {
                String value = field.getValue().asText().strip();
                if (!value.isEmpty()) {
                    values.add(value);
                    values.add(value.replace(" ", ""));
                }
            } else {
                collect(field.getValue(), values);
            }
        });
        if (node.isArray()) {
            node.forEach(item -> collect(item, values));
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
