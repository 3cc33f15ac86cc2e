package com.qlower.loaders.adapters.postgres;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Checks that the audit trail is as it was written: walks each run's events in {@code seq} order and recomputes
 * every hash and link ({@link AuditChainLink}). The rows are streamed, so memory does not grow with the trail.
 *
 * <p>What a chain cannot show: a run's last events removed, or a whole run removed, leave a chain that verifies.
 */
public final class AuditVerifier {

    /** Why a run's history no longer verifies. */
    public enum Problem {
        /** an event is missing: the seqs do not follow 1, 2, 3... */
        SEQ_GAP,
        /** the event names another previous hash than that of the event before it */
        BROKEN_LINK,
        /** the event was changed after it was sealed */
        HASH_MISMATCH
    }

    /** A run whose history stops verifying at {@code seq}; what follows in that run is not checked. */
    public record BrokenRun(String runId, int seq, Problem problem, String detail) {
    }

    /** The runs and events walked, and the runs that did not verify. */
    public record Result(long runs, long events, List<BrokenRun> broken) {

        public boolean intact() {
            return broken.isEmpty();
        }
    }

    private static final int ROWS_PER_FETCH = 1000;

    private final Jdbi jdbi;

    public AuditVerifier(Database database) {
        this.jdbi = database.jdbi();
    }

    public Result verifyAll() {
        return verify(null);
    }

    public Result verifyRun(String runId) {
        return verify(Objects.requireNonNull(runId, "runId"));
    }

    private Result verify(String onlyRun) {
        return Database.withTransientFailures("verifying the audit trail", () -> jdbi.inTransaction(h -> {
            h.execute("set transaction read only");
            // pgjdbc fetches by batches, instead of the whole result, only inside a transaction
            Query query = h.createQuery("""
                            select run_id, seq, action, actor, partner_id, object_key, object_version, sha256,
                                execution_name, detail, occurred_at, previous_hash, hash
                            from audit_events"""
                            + (onlyRun == null ? "" : " where run_id = :run") + " order by run_id, seq")
                    .setFetchSize(ROWS_PER_FETCH);
            if (onlyRun != null) {
                query.bind("run", onlyRun);
            }
            Walk walk = new Walk();
            try (Stream<StoredEvent> events = query.map((rs, ctx) -> new StoredEvent(new AuditChainLink(
                    rs.getString("run_id"), rs.getInt("seq"), rs.getString("action"), rs.getString("actor"),
                    rs.getString("partner_id"), rs.getString("object_key"), rs.getString("object_version"),
                    rs.getString("sha256"), rs.getString("execution_name"), rs.getString("detail"),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("previous_hash")),
                    rs.getString("hash"))).stream()) {
                events.forEach(walk::next);
            }
            return new Result(walk.runs, walk.events, List.copyOf(walk.broken));
        }));
    }

    private record StoredEvent(AuditChainLink link, String hash) {
    }

    /** The walk through the rows ordered by run and seq: only the current run's last link is kept. */
    private static final class Walk {

        private final List<BrokenRun> broken = new ArrayList<>();
        private long runs;
        private long events;
        private String runId;
        private int expectedSeq;
        private String previousHash;
        private boolean runBroken;

        void next(StoredEvent event) {
            events++;
            if (!event.link().runId().equals(runId)) {
                runId = event.link().runId();
                runs++;
                expectedSeq = 1;
                previousHash = null;
                runBroken = false;
            }
            if (runBroken) {
                return;
            }
            BrokenRun problem = check(event);
            if (problem != null) {
                broken.add(problem);
                runBroken = true;
            } else {
                expectedSeq++;
                previousHash = event.hash();
            }
        }

        private BrokenRun check(StoredEvent event) {
            int seq = event.link().seq();
            if (seq != expectedSeq) {
                String detail = seq < expectedSeq ? "seq " + expectedSeq + " expected"
                        : (seq == expectedSeq + 1 ? "seq " + expectedSeq : "seqs " + expectedSeq + " to " + (seq - 1))
                                + " missing";
                return new BrokenRun(runId, seq, Problem.SEQ_GAP, detail);
            }
            if (!Objects.equals(event.link().previousHash(), previousHash)) {
                return new BrokenRun(runId, seq, Problem.BROKEN_LINK, seq == 1 ? "the first event names a previous one"
                        : "previous_hash is not the hash of seq " + (seq - 1));
            }
            if (!event.link().hash().equals(event.hash())) {
                return new BrokenRun(runId, seq, Problem.HASH_MISMATCH, "the event no longer matches its hash");
            }
            return null;
        }
    }
}
