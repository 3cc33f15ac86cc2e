package com.qlower.loaders.local.model;

import com.qlower.loaders.local.model.PartnerFile.Document;
import com.qlower.loaders.local.model.PartnerFile.Erasure;
import com.qlower.loaders.local.model.PartnerFile.Owner;
import com.qlower.loaders.local.model.PartnerFile.Property;
import com.qlower.loaders.local.model.PartnerFile.Rec;
import com.qlower.loaders.local.model.PartnerFile.Retire;
import com.qlower.loaders.local.model.PartnerFile.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sequence of files means for each partner, written from the partner guide (docs/partner-guide.md, sections
 * 2, 4 "References between records", 5, 6 and 8), not from the implementation: the rows each partner has, active or
 * retired, with the values the files gave them, whether each file is integrated or refused, and which document
 * contents the documents bucket must hold, may hold, and must no longer hold.
 *
 * <p>Read with the guide beside it: every rule below quotes the sentence it comes from. A document's content is
 * known by its SHA-256; the bucket holds it under {@code {partner}/{sha256}}, once per partner (architecture.md).
 */
public final class ContractModel {

    /** "more than 10 % of your active records of one kind ... and more than 5 of them" (section 5). */
    public static final double DELETION_GUARD_PERCENT = 10.0;
    public static final int DELETION_GUARD_RECORDS = 5;
    /** The reject tolerance's floor: "more than ... of those received and more than 2 records" (section 9). */
    public static final int REJECT_TOLERANCE_RECORDS = 2;

    /** A row: the values the model follows, and whether it is active (not retired). */
    public record Row(String values, boolean active) {
        @Override
        public String toString() {
            return (active ? "" : "retired ") + values;
        }
    }

    /** What the model expects of a file. */
    public record Verdict(boolean integrated, String why) {
    }

    /** One partner's rows by kind and external id, and what the guide says the partner's files have done. */
    public static final class PartnerState {
        final Map<String, Row> owners = new TreeMap<>();
        final Map<String, Row> properties = new TreeMap<>();
        final Map<String, Row> transactions = new TreeMap<>();
        final Map<String, Row> documents = new TreeMap<>();
        /** Owners erased: "a later file that still sends the owner, or a property of theirs, has those records rejected". */
        final Set<String> erased = new HashSet<>();
        /** Per loader, the (date, _NN) of the last snapshot applied. */
        final Map<String, String> lastSnapshot = new HashMap<>();
        final double tolerancePercent;
        /** The owner of each property, kept with the row (the values string holds it too). */
        final Map<String, String> ownerOf = new HashMap<>();
        final Map<String, String> propertyOf = new HashMap<>();
        /** The property of each document, and every content (SHA-256) each document held while integrated. */
        final Map<String, String> documentPropertyOf = new HashMap<>();
        final Map<String, Set<String>> contentsEver = new HashMap<>();
        /** Every content an erased owner's documents ever had: "deletes every content the document ever had". */
        final Set<String> erasedContents = new HashSet<>();

        PartnerState(double tolerancePercent) {
            this.tolerancePercent = tolerancePercent;
        }

        PartnerState copy() {
            PartnerState c = new PartnerState(tolerancePercent);
            c.owners.putAll(owners);
            c.properties.putAll(properties);
            c.transactions.putAll(transactions);
            c.erased.addAll(erased);
            c.lastSnapshot.putAll(lastSnapshot);
            c.ownerOf.putAll(ownerOf);
            c.propertyOf.putAll(propertyOf);
            c.documents.putAll(documents);
            c.documentPropertyOf.putAll(documentPropertyOf);
            contentsEver.forEach((document, contents) -> c.contentsEver.put(document, new HashSet<>(contents)));
            c.erasedContents.addAll(erasedContents);
            return c;
        }

        public Map<String, Row> owners() {
            return owners;
        }

        public Map<String, Row> properties() {
            return properties;
        }

        public Map<String, Row> transactions() {
            return transactions;
        }

        public Map<String, Row> documents() {
            return documents;
        }

        /** The contents the bucket must hold: the one each document row points at, retired or not. */
        public Set<String> liveContents() {
            Set<String> live = new HashSet<>();
            documents.values().forEach(row -> live.add(contentOf(row)));
            return live;
        }

        /**
         * The contents the bucket may still hold: those a document held before it took another ("Qlower keeps the
         * content it replaces 7 days, then deletes it"; a check runs well within those days).
         */
        public Set<String> supersededContents() {
            Set<String> superseded = new HashSet<>();
            contentsEver.values().forEach(superseded::addAll);
            superseded.removeAll(liveContents());
            superseded.removeAll(erasedContents);
            return superseded;
        }

        /**
         * The contents the bucket must no longer hold: every content an erased owner's documents ever had ("An
         * erasure of the document's owner deletes every content the document ever had at once"), but one a
         * document of this partner still points at (the same content is stored once).
         */
        public Set<String> erasedContents() {
            Set<String> gone = new HashSet<>(erasedContents);
            gone.removeAll(liveContents());
            return gone;
        }

        private static String contentOf(Row document) {
            return document.values().substring(document.values().lastIndexOf('|') + 1);
        }
    }

    private final List<PartnerState> partners = new ArrayList<>();

    /** @param tolerances each partner's reject tolerance, in percent */
    public ContractModel(List<Double> tolerances) {
        tolerances.forEach(t -> partners.add(new PartnerState(t)));
    }

    public PartnerState partner(int index) {
        return partners.get(index);
    }

    public static String ownerValues(Owner o) {
        return o.lastName();
    }

    public static String propertyValues(Property p) {
        return p.owner() + "|" + p.label() + "|" + p.priceEuros() * 100;
    }

    public static String transactionValues(Transaction t) {
        return t.property() + "|" + t.amountCents();
    }

    /** The property, the transaction (empty when none) and the content's SHA-256. */
    public static String documentValues(Document d) {
        return d.property() + "|" + (d.transaction() == null ? "" : d.transaction()) + "|" + d.sha256();
    }

    /** Applies one file to its partner's state and says whether it is integrated. */
    public Verdict apply(PartnerFile file) {
        PartnerState before = partners.get(file.partner());
        PartnerState after = before.copy();
        boolean caracteristiques = file.loader().equals(PartnerFile.CARACTERISTIQUES);
        boolean documents = file.loader().equals(PartnerFile.DOCUMENTS);

        // --- business rules (section 4, "References between records"; section 6, OWNER_ERASED)
        // "A property's owner_external_id: an owner of the same caracteristiques file, or one sent in an earlier
        // file" (not retired: "A record may refer only to records you sent before ... and that are not retired")
        Set<String> ownersOfThisFile = new HashSet<>();
        List<Rec> accepted = new ArrayList<>();
        int rejected = 0;
        for (Rec rec : file.records()) {
            if (rec instanceof Owner o) {
                if (before.erased.contains(o.id())) {
                    rejected++;
                } else {
                    ownersOfThisFile.add(o.id());
                    accepted.add(rec);
                }
            }
        }
        for (Rec rec : file.records()) {
            switch (rec) {
                case Owner o -> { }
                case Property p -> {
                    boolean known = ownersOfThisFile.contains(p.owner()) || isActive(before.owners, p.owner());
                    if (before.erased.contains(p.owner()) || !known) {
                        rejected++;
                    } else {
                        accepted.add(rec);
                    }
                }
                case Transaction t -> {
                    // "A transaction's property_external_id: a property sent in an earlier caracteristiques file"
                    if (isActive(before.properties, t.property())) {
                        accepted.add(rec);
                    } else {
                        rejected++;
                    }
                }
                case Document d -> {
                    // "A document's property_external_id: a property sent in an earlier caracteristiques file";
                    // "A document's transaction_external_id, when present: a transaction sent in an earlier
                    // transactions file"
                    if (isActive(before.properties, d.property())
                            && (d.transaction() == null || isActive(before.transactions, d.transaction()))) {
                        accepted.add(rec);
                    } else {
                        rejected++;
                    }
                }
                case Retire x -> accepted.add(rec);
                case Erasure e -> accepted.add(rec);
            }
        }
        // "If the rejected records are more than REJECT_TOLERANCE_PERCENT of those received ... the whole file is
        // rejected" (section 9, Reject policy)
        int received = file.records().size();
        // ... "and more than its floor (2 records by default), or every record is rejected"
        if (received > 0 && (rejected == received
                || rejected * 100.0 / received > before.tolerancePercent && rejected > REJECT_TOLERANCE_RECORDS)) {
            return new Verdict(false, "too many rejected: " + rejected + " of " + received);
        }

        // --- "Snapshots apply in order: one older than the last snapshot applied (an earlier date, or the same date
        // with a lower _NN) is refused with SNAPSHOT_STALE"
        String order = file.date() + "_" + String.format("%02d", file.correction());
        String last = before.lastSnapshot.get(file.loader());
        if (file.snapshot() && last != null && order.compareTo(last) < 0) {
            return new Verdict(false, "stale: " + order + " older than " + last);
        }

        // --- upserts: "Qlower inserts the new records, updates the changed ones ... one that comes back in a later
        // snapshot is reactivated"; in a delta, a record sent again after a retire "comes back"
        for (Rec rec : accepted) {
            switch (rec) {
                case Owner o -> after.owners.put(o.id(), new Row(ownerValues(o), true));
                case Property p -> {
                    after.properties.put(p.id(), new Row(propertyValues(p), true));
                    after.ownerOf.put(p.id(), p.owner());
                }
                case Transaction t -> {
                    after.transactions.put(t.id(), new Row(transactionValues(t), true));
                    after.propertyOf.put(t.id(), t.property());
                }
                case Document d -> {
                    // "A document sent again with other content (another sha256) takes the new content"
                    after.documents.put(d.id(), new Row(documentValues(d), true));
                    after.documentPropertyOf.put(d.id(), d.property());
                    after.contentsEver.computeIfAbsent(d.id(), k -> new HashSet<>()).add(d.sha256());
                }
                case Retire x -> {
                    // "retiring a record Qlower does not hold, or holds retired, changes nothing"
                    Map<String, Row> table = switch (x.kind()) {
                        case "owner" -> after.owners;
                        case "property" -> after.properties;
                        case "document" -> after.documents;
                        default -> after.transactions;
                    };
                    Row row = table.get(x.id());
                    if (row != null) {
                        table.put(x.id(), new Row(row.values(), false));
                    }
                }
                case Erasure e -> erase(before, after, e.owner());
            }
        }

        // --- snapshot retirements and the deletion guard (section 5)
        if (file.snapshot()) {
            List<Map<String, Row>> kinds = caracteristiques ? List.of(after.owners, after.properties)
                    : List.of(documents ? after.documents : after.transactions);
            List<Map<String, Row>> kindsBefore = caracteristiques ? List.of(before.owners, before.properties)
                    : List.of(documents ? before.documents : before.transactions);
            Set<String> held = new HashSet<>();
            for (Rec rec : file.records()) {
                switch (rec) {
                    case Owner o -> held.add("owner/" + o.id());
                    case Property p -> held.add("property/" + p.id());
                    case Transaction t -> held.add("transaction/" + t.id());
                    case Document d -> held.add("document/" + d.id());
                    default -> { }
                }
            }
            // "an empty snapshot where records exist, is not applied at all"
            boolean anyActive = kindsBefore.stream().anyMatch(k -> k.values().stream().anyMatch(Row::active));
            if (file.records().isEmpty() && anyActive) {
                return new Verdict(false, "empty snapshot");
            }
            // "a snapshot in which some records were rejected retires nothing"
            if (rejected == 0) {
                String[] names = caracteristiques ? new String[] {"owner", "property"}
                        : new String[] {documents ? "document" : "transaction"};
                List<List<String>> toRetire = new ArrayList<>();
                for (int k = 0; k < kinds.size(); k++) {
                    List<String> absent = new ArrayList<>();
                    for (var entry : kinds.get(k).entrySet()) {
                        if (entry.getValue().active() && !held.contains(names[k] + "/" + entry.getKey())) {
                            absent.add(entry.getKey());
                        }
                    }
                    // "a snapshot that would retire more than 10 % of your active records of one kind ... is not
                    // applied at all"
                    long active = kindsBefore.get(k).values().stream().filter(Row::active).count();
                    // "... and more than 5 of them, or every one of them"
                    if (!absent.isEmpty() && (absent.size() == active || absent.size() * 100.0 / active
                            > DELETION_GUARD_PERCENT && absent.size() > DELETION_GUARD_RECORDS)) {
                        return new Verdict(false, "deletion guard: " + names[k] + " " + absent.size() + " of "
                                + active);
                    }
                    toRetire.add(absent);
                }
                for (int k = 0; k < kinds.size(); k++) {
                    for (String id : toRetire.get(k)) {
                        kinds.get(k).put(id, new Row(kinds.get(k).get(id).values(), false));
                    }
                }
            }
            after.lastSnapshot.put(file.loader(), order);
        }
        partners.set(file.partner(), after);
        return new Verdict(true, rejected == 0 ? "integrated" : "integrated, " + rejected + " rejected");
    }

    /**
     * "Qlower deletes everything tied to that owner for your partner: the owner, their properties, those properties'
     * transactions and documents (database rows and the stored document content, the contents those documents had
     * before included)"; "a request for an owner already erased, or never received, does nothing".
     */
    private static void erase(PartnerState before, PartnerState after, String owner) {
        if (after.erased.contains(owner)) {
            return;
        }
        Set<String> theirProperties = new HashSet<>();
        after.ownerOf.forEach((property, o) -> {
            if (o.equals(owner) && after.properties.containsKey(property)) {
                theirProperties.add(property);
            }
        });
        if (!after.owners.containsKey(owner) && theirProperties.isEmpty()) {
            return; // never received
        }
        after.owners.remove(owner);
        for (String property : theirProperties) {
            after.properties.remove(property);
            after.ownerOf.remove(property);
        }
        after.propertyOf.entrySet().removeIf(e -> {
            if (theirProperties.contains(e.getValue())) {
                after.transactions.remove(e.getKey());
                return true;
            }
            return false;
        });
        after.documentPropertyOf.entrySet().removeIf(e -> {
            if (theirProperties.contains(e.getValue())) {
                after.documents.remove(e.getKey());
                after.erasedContents.addAll(after.contentsEver.remove(e.getKey()));
                return true;
            }
            return false;
        });
        after.erased.add(owner);
    }

    private static boolean isActive(Map<String, Row> table, String id) {
        Row row = table.get(id);
        return row != null && row.active();
    }
}
