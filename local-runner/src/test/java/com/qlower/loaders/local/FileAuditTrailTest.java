package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.postgres.AuditVerifier;
import com.qlower.loaders.steps.FileOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit trail of a file's whole life through the local pipeline: one event per interaction, by the function
 * that acted, chained; a changed event is found by {@code ./loaders audit verify}'s verifier.
 */
class FileAuditTrailTest {

    private static final Path DROP = Path.of("../samples/drop/gestimmo");

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet().withPartners("gestimmo");

    @Test
    @Timeout(120)
    void aFilesWholeLife_isChainedInTheTrail_andAChangedEventIsDetected() throws Exception {
        LocalPipeline.Dropped dropped = pipeline.get().drop("inbox/gestimmo/caracteristiques_20261123.json",
                DROP.resolve("caracteristiques_20261123.json"));
        LocalPipeline.FileRun run = dropped.finish();
        dropped.deliverAgain();
        assertThat(run.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);

        List<Map<String, Object>> trail = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                        "select seq, action, actor, object_key, sha256, execution_name, previous_hash, hash "
                                + "from audit_events where run_id = :run order by seq")
                .bind("run", run.runId()).mapToMap().list());

        assertThat(trail).extracting(e -> e.get("action") + " by " + e.get("actor")).containsExactly(
                "RECEIVED by validator", "VALIDATED by validator", "TRANSFORMED by transformer",
                "INTEGRATED by integrator", "ARCHIVED by archiver", "NOTIFIED by notifier",
                "DUPLICATE_IGNORED by validator");
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.get("object_key")).isEqualTo("inbox/gestimmo/caracteristiques_20261123.json");
            assertThat(e.get("execution_name")).isEqualTo(dropped.executionName());
        });
        assertThat(trail.get(1).get("sha256")).isEqualTo(run.report().sha256());
        for (int i = 1; i < trail.size(); i++) {
            assertThat(trail.get(i).get("previous_hash")).isEqualTo(trail.get(i - 1).get("hash"));
        }
        AuditVerifier verifier = new AuditVerifier(pipeline.get().database());
        assertThat(verifier.verifyRun(run.runId()).intact()).isTrue();

        // someone with the owner's rights rewrites history: the trigger must be turned off first, and it shows
        pipeline.get().database().jdbi().useHandle(h -> {
            h.execute("alter table audit_events disable trigger audit_events_append_only");
            h.createUpdate("update audit_events set detail = 'nothing happened' where run_id = :run and seq = 4")
                    .bind("run", run.runId()).execute();
            h.execute("alter table audit_events enable trigger audit_events_append_only");
        });

        AuditVerifier.Result tampered = verifier.verifyRun(run.runId());
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.broken()).singleElement().satisfies(b -> {
            assertThat(b.runId()).isEqualTo(run.runId());
            assertThat(b.seq()).isEqualTo(4);
        });
    }
}
