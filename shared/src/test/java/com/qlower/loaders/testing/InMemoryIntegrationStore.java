package com.qlower.loaders.testing;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.Retirement.Kind;
import com.qlower.loaders.domain.SnapshotRules;
import com.qlower.loaders.domain.SnapshotRules.AbsentRecords;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.bulkload.StagedRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The integration store in memory, for the core tests: the contract of {@link IntegrationStore} with the rules of
 * {@link SnapshotRules}, the PostgreSQL store's. A file applies whole or not at all: its changes are made on a copy,
 * kept only when the file is through.
 */
public final class InMemoryIntegrationStore implements IntegrationStore {

    private record Row(StagedRecord record, boolean retired) {
    }

    private record RowKey(String partnerId, Kind kind, String externalId) {
    }

    private record AppliedRun(IngestionRun run, IntegrationCounts counts) {
    }

    private record Erasure(String partnerId, String ownerExternalId, Instant erasedOn, String runId) {
    }

    /** Everything a file may change: copied before the file, kept when it is through. */
    private static final class State {
        final Map<RowKey, Row> rows = new LinkedHashMap<>();
        final Map<String, AppliedRun> runs = new LinkedHashMap<>();
        final Map<String, Set<String>> contentKeys = new HashMap<>(); // partner/document -> every content
        final Map<String, Set<String>> ownerFiles = new HashMap<>(); // partner/owner -> run ids
        final List<Erasure> erasures = new ArrayList<>();
        final Map<Long, Purge> purges = new LinkedHashMap<>();
        final Map<Long, String> purgeRuns = new HashMap<>();
        final Set<String> authorizations = new HashSet<>();
        final Map<String, String> archivedKeys = new HashMap<>();
        long nextPurgeId = 1;

        State copy() {
            State copy = new State();
            copy.rows.putAll(rows);
            copy.runs.putAll(runs);
            contentKeys.forEach((k, v) -> copy.contentKeys.put(k, new HashSet<>(v)));
            ownerFiles.forEach((k, v) -> copy.ownerFiles.put(k, new TreeSet<>(v)));
            copy.erasures.addAll(erasures);
            copy.purges.putAll(purges);
            copy.purgeRuns.putAll(purgeRuns);
            copy.authorizations.addAll(authorizations);
            copy.archivedKeys.putAll(archivedKeys);
            copy.nextPurgeId = nextPurgeId;
            return copy;
        }
    }

    private State state = new State();
    private final Instant now;

    /** @param now when erasures take place, as {@link ErasureOutcome#erasedOn()} tells a later request */
    public InMemoryIntegrationStore(Instant now) {
        this.now = now;
    }

    @Override
    public synchronized IntegrationCounts integrate(IngestionRun run, StagedRows.Reader staged) {
        List<StagedRecord> file;
        try (Stream<StagedRecord> records = staged.records()) {
            file = records.toList();
        }
        AppliedRun earlier = state.runs.get(run.runId());
        if (earlier != null) {
            IntegrationCounts c = earlier.counts();
            return new IntegrationCounts(c.inserted(), c.updated(), c.unchanged(), c.retired());
        }
        State working = state.copy();
        IntegrationCounts counts = new FileIntegration(working, run, file).apply();
        working.runs.put(run.runId(), new AppliedRun(run, counts));
        state = working;
        return counts;
    }

    @Override
    public synchronized List<Purge> pendingPurges(String runId) {
        return state.purges.values().stream().filter(p -> runId.equals(state.purgeRuns.get(p.id()))).toList();
    }

    @Override
    public synchronized void purged(long purgeId) {
        Purge done = state.purges.remove(purgeId);
        if (done == null) {
            return;
        }
        state.purgeRuns.remove(purgeId);
    }

    /** An operator's authorization for one snapshot to retire beyond the deletion guard (used once). */
    public synchronized void authorizeRetirement(String partnerId, Loader loader, java.time.LocalDate snapshotDate) {
        state.authorizations.add(partnerId + "/" + loader.wireName() + "/" + snapshotDate);
    }

    /** What the run ledger notes when the archiver archives a run's raw file. */
    public synchronized void archived(String runId, String archivedKey) {
        state.archivedKeys.put(runId, archivedKey);
    }

    /** The partner's records of a kind, active or retired. */
    public synchronized Optional<StagedRecord> record(String partnerId, Kind kind, String externalId) {
        return Optional.ofNullable(state.rows.get(new RowKey(partnerId, kind, externalId))).map(Row::record);
    }

    /** Whether the partner's record of a kind exists and is not retired. */
    public synchronized boolean isActive(String partnerId, Kind kind, String externalId) {
        Row row = state.rows.get(new RowKey(partnerId, kind, externalId));
        return row != null && !row.retired();
    }

    /** How many of the partner's records of a kind are active. */
    public synchronized long activeCount(String partnerId, Kind kind) {
        return activeOf(state, partnerId, kind).size();
    }

    private static List<String> activeOf(State state, String partnerId, Kind kind) {
        return state.rows.entrySet().stream()
                .filter(e -> e.getKey().partnerId().equals(partnerId) && e.getKey().kind() == kind
                        && !e.getValue().retired())
                .map(e -> e.getKey().externalId()).toList();
    }

    private static Kind kindOf(StagedRecord record) {
        return switch (record) {
            case Owner o -> Kind.OWNER;
            case Property p -> Kind.PROPERTY;
            case Transaction t -> Kind.TRANSACTION;
            case Document d -> Kind.DOCUMENT;
            case Retirement r -> throw new IllegalArgumentException("a retirement is not stored");
            case ErasureRequest e -> throw new IllegalArgumentException("an erasure request is not stored");
        };
    }

    /** The table's name, as a refusal names it to the partner. */
    private static String entity(Kind kind) {
        return switch (kind) {
            case OWNER -> "owners";
            case PROPERTY -> "properties";
            case TRANSACTION -> "transactions";
            case DOCUMENT -> "documents";
        };
    }

    private static List<Kind> kindsOf(Loader loader) {
        return switch (loader) {
            case CARACTERISTIQUES -> List.of(Kind.OWNER, Kind.PROPERTY);
            case TRANSACTIONS -> List.of(Kind.TRANSACTION);
            case DOCUMENTS -> List.of(Kind.DOCUMENT);
        };
    }

    /** One file applied to a working copy of the state. */
    private final class FileIntegration {
        private final State s;
        private final IngestionRun run;
        private final List<StagedRecord> file;
        private final String partner;

        FileIntegration(State s, IngestionRun run, List<StagedRecord> file) {
            this.s = s;
            this.run = run;
            this.file = file;
            this.partner = run.partnerId();
        }

        IntegrationCounts apply() {
            boolean snapshot = run.mode() == Mode.SNAPSHOT;
            if (snapshot) {
                refuseIfStale();
            }
            String sameContentAs = s.runs.values().stream().map(AppliedRun::run)
                    .filter(r -> r.partnerId().equals(partner) && r.loader() == run.loader()
                            && r.sha256().equals(run.sha256()))
                    .map(r -> r.file().key()).findFirst().orElse(null);
            Map<Kind, List<String>> activeBefore = new HashMap<>();
            kindsOf(run.loader()).forEach(k -> activeBefore.put(k, activeOf(s, partner, k)));
            List<ErasureOutcome> erasures = new ArrayList<>();
            file.stream().filter(ErasureRequest.class::isInstance)
                    .forEach(r -> erasures.add(erase((ErasureRequest) r)));
            if (run.loader() == Loader.CARACTERISTIQUES) {
                refuseErasedOwners();
            }
            refuseDuplicates();
            long inserted = 0;
            long updated = 0;
            long retiredOnRequest = 0;
            for (StagedRecord record : file) {
                if (record instanceof Retirement retirement) {
                    var key = new RowKey(partner, retirement.recordKind(), retirement.externalId());
                    Row row = s.rows.get(key);
                    if (row != null && !row.retired()) {
                        s.rows.put(key, new Row(row.record(), true));
                        retiredOnRequest++;
                    }
                } else if (!(record instanceof ErasureRequest)) {
                    var key = new RowKey(partner, kindOf(record), record.externalId());
                    Row row = s.rows.put(key, new Row(stored(record), false));
                    if (row == null) {
                        inserted++;
                    } else if (row.retired() || !row.record().equals(record)) {
                        updated++;
                    }
                }
            }
            if (file.size() != run.accepted()) {
                throw new IllegalStateException("run " + run.runId() + " accepted " + run.accepted()
                        + " records but " + file.size() + " reached the database");
            }
            boolean retirementSkipped = snapshot && !SnapshotRules.retiresAbsentRecords(run.rejected());
            long retired = snapshot && !retirementSkipped ? retireAbsent(activeBefore) : 0;
            recordOwnerFiles();
            long unchanged = file.size() - inserted - updated - retiredOnRequest - erasures.size();
            return new IntegrationCounts(inserted, updated, unchanged, retired + retiredOnRequest,
                    retirementSkipped, sameContentAs, erasures);
        }

        private StagedRecord stored(StagedRecord record) {
            if (record instanceof Document d) {
                if (d.storageKey() == null) {
                    throw new IllegalArgumentException("document " + d.externalId() + " was not stored");
                }
                s.contentKeys.computeIfAbsent(partner + "/" + d.externalId(), k -> new HashSet<>())
                        .add(d.storageKey());
            }
            return record;
        }

        private void refuseIfStale() {
            var incoming = new SnapshotRules.Version(run.snapshotDate(), run.correction());
            s.runs.values().stream().map(AppliedRun::run)
                    .filter(r -> r.partnerId().equals(partner) && r.loader() == run.loader()
                            && r.mode() == Mode.SNAPSHOT)
                    .map(r -> new SnapshotRules.Version(r.snapshotDate(), r.correction()))
                    .max(java.util.Comparator.comparing(SnapshotRules.Version::date)
                            .thenComparingInt(SnapshotRules.Version::correction))
                    .filter(last -> SnapshotRules.isStale(incoming, last))
                    .ifPresent(last -> {
                        throw new StaleSnapshot(last.date(), last.correction());
                    });
        }

        private void refuseDuplicates() {
            Map<Kind, Set<String>> seen = new HashMap<>();
            Map<Kind, Set<String>> twice = new LinkedHashMap<>();
            file.stream().filter(r -> !(r instanceof Retirement || r instanceof ErasureRequest)).forEach(r -> {
                if (!seen.computeIfAbsent(kindOf(r), k -> new HashSet<>()).add(r.externalId())) {
                    twice.computeIfAbsent(kindOf(r), k -> new TreeSet<>()).add(r.externalId());
                }
            });
            twice.entrySet().stream().findFirst().ifPresent(e -> {
                throw new DuplicateRecords(entity(e.getKey()), e.getValue().stream().limit(10).toList());
            });
        }

        private long retireAbsent(Map<Kind, List<String>> activeBefore) {
            Map<Kind, List<String>> absent = new LinkedHashMap<>();
            for (Kind kind : kindsOf(run.loader())) {
                Set<String> held = new HashSet<>();
                file.stream().filter(r -> !(r instanceof Retirement || r instanceof ErasureRequest)
                        && kindOf(r) == kind).forEach(r -> held.add(r.externalId()));
                absent.put(kind, activeOf(s, partner, kind).stream().filter(id -> !held.contains(id)).toList());
            }
            boolean authorized = s.authorizations.remove(partner + "/" + run.loader().wireName() + "/"
                    + run.snapshotDate());
            List<AbsentRecords> counted = absent.entrySet().stream().map(e -> new AbsentRecords(entity(e.getKey()),
                    e.getValue().size(), activeBefore.get(e.getKey()).size())).toList();
            SnapshotRules.firstRefused(run.deletionGuard(), authorized, counted).ifPresent(refused -> {
                throw new RetirementRefused(refused.entity(), refused.absent(), refused.activeBefore(),
                        run.deletionGuard());
            });
            long retired = 0;
            for (var entry : absent.entrySet()) {
                for (String id : entry.getValue()) {
                    var key = new RowKey(partner, entry.getKey(), id);
                    s.rows.put(key, new Row(s.rows.get(key).record(), true));
                    retired++;
                }
            }
            return retired;
        }

        private boolean erased(String owner) {
            return s.erasures.stream().anyMatch(e -> e.partnerId().equals(partner)
                    && e.ownerExternalId().equals(owner));
        }

        private void refuseErasedOwners() {
            long erased = file.stream().filter(r -> r instanceof Owner o && erased(o.externalId())
                    || r instanceof Property p && erased(p.ownerExternalId())).count();
            if (erased > 0) {
                throw new ErasedOwnerSent(erased);
            }
        }

        private void recordOwnerFiles() {
            Set<String> owners = new HashSet<>();
            for (StagedRecord record : file) {
                switch (record) {
                    case Owner o -> owners.add(o.externalId());
                    case Property p -> owners.add(p.ownerExternalId());
                    case Transaction t -> ownerOfProperty(t.propertyExternalId()).ifPresent(owners::add);
                    case Document d -> ownerOfProperty(d.propertyExternalId()).ifPresent(owners::add);
                    default -> {
                    }
                }
            }
            owners.forEach(o -> s.ownerFiles.computeIfAbsent(partner + "/" + o, k -> new TreeSet<>())
                    .add(run.runId()));
        }

        private Optional<String> ownerOfProperty(String propertyExternalId) {
            return Optional.ofNullable(s.rows.get(new RowKey(partner, Kind.PROPERTY, propertyExternalId)))
                    .map(row -> ((Property) row.record()).ownerExternalId());
        }

        private ErasureOutcome erase(ErasureRequest request) {
            String owner = request.externalId();
            List<String> properties = rowsOf(Kind.PROPERTY, r -> ((Property) r).ownerExternalId().equals(owner));
            boolean ownerKnown = s.rows.containsKey(new RowKey(partner, Kind.OWNER, owner));
            if (!ownerKnown && properties.isEmpty()) {
                return s.erasures.stream()
                        .filter(e -> e.partnerId().equals(partner) && e.ownerExternalId().equals(owner))
                        .findFirst()
                        .map(e -> ErasureOutcome.nothingDone(request.reference(),
                                ErasureOutcome.Status.ALREADY_DONE, e.erasedOn()))
                        .orElse(ErasureOutcome.nothingDone(request.reference(), ErasureOutcome.Status.OWNER_UNKNOWN,
                                null));
            }
            List<String> documents = rowsOf(Kind.DOCUMENT,
                    r -> properties.contains(((Document) r).propertyExternalId()));
            List<String> transactions = rowsOf(Kind.TRANSACTION,
                    r -> properties.contains(((Transaction) r).propertyExternalId()));
            Set<String> contents = new TreeSet<>();
            documents.forEach(d -> {
                s.rows.remove(new RowKey(partner, Kind.DOCUMENT, d));
                contents.addAll(s.contentKeys.getOrDefault(partner + "/" + d, Set.of()));
                s.contentKeys.remove(partner + "/" + d);
            });
            transactions.forEach(t -> s.rows.remove(new RowKey(partner, Kind.TRANSACTION, t)));
            properties.forEach(p -> s.rows.remove(new RowKey(partner, Kind.PROPERTY, p)));
            long owners = s.rows.remove(new RowKey(partner, Kind.OWNER, owner)) == null ? 0 : 1;
            // the same content is stored once per partner: an object another document points at stays
            List<String> orphanObjects = contents.stream().filter(key -> s.rows.entrySet().stream().noneMatch(e ->
                    e.getKey().partnerId().equals(partner) && e.getValue().record() instanceof Document d
                            && key.equals(d.storageKey()))).toList();
            Set<String> files = s.ownerFiles.getOrDefault(partner + "/" + owner, Set.of());
            s.erasures.add(new Erasure(partner, owner, now, run.runId()));
            for (String key : orphanObjects) {
                queue(new Purge(s.nextPurgeId, Purge.Kind.DOCUMENT_OBJECT, key, null, null, null, null, List.of()));
            }
            for (String runId : files) {
                AppliedRun held = s.runs.get(runId);
                queue(new Purge(s.nextPurgeId, Purge.Kind.RUN_FILES, null, held.run().file().bucket(), runId,
                        s.archivedKeys.get(runId), owner, properties));
            }
            s.ownerFiles.remove(partner + "/" + owner);
            return new ErasureOutcome(request.reference(), ErasureOutcome.Status.APPLIED, null, owners,
                    properties.size(), transactions.size(), documents.size(), orphanObjects.size(), files.size());
        }

        private void queue(Purge purge) {
            s.purges.put(purge.id(), purge);
            s.purgeRuns.put(purge.id(), run.runId());
            s.nextPurgeId++;
        }

        private List<String> rowsOf(Kind kind, java.util.function.Predicate<StagedRecord> matching) {
            return s.rows.entrySet().stream()
                    .filter(e -> e.getKey().partnerId().equals(partner) && e.getKey().kind() == kind
                            && matching.test(e.getValue().record()))
                    .map(e -> e.getKey().externalId()).sorted().toList();
        }
    }
}
