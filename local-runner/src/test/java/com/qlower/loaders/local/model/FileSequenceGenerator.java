package com.qlower.loaders.local.model;

import com.qlower.loaders.local.model.PartnerFile.Document;
import com.qlower.loaders.local.model.PartnerFile.Erasure;
import com.qlower.loaders.local.model.PartnerFile.Owner;
import com.qlower.loaders.local.model.PartnerFile.Property;
import com.qlower.loaders.local.model.PartnerFile.Rec;
import com.qlower.loaders.local.model.PartnerFile.Retire;
import com.qlower.loaders.local.model.PartnerFile.Transaction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random sequences of valid partner files for a few partners. Each partner has a system of its own (owners,
 * properties, transactions, documents) that changes from night to night, and exports it as the contract allows:
 * snapshots, deltas, retirements, documents whose content changes, erasure requests; and as partners get it wrong:
 * corrections of an earlier date, the same content again under another name, a late older snapshot, an erased person
 * left in the export.
 *
 * <p>Every file is valid on its own (key, envelope, schema). A partner's first file is a caracteristiques snapshot, a
 * transactions file is never dated after the partner's latest caracteristiques file, and a documents file never after
 * its latest transactions file, so no file waits for an upstream file (see {@link #neverWaits}).
 *
 * <p>The generator leans towards what went wrong before (issue 10): once a partner has sent transactions it soon
 * sends documents, once a document's content has changed the partner soon asks to erase its owner.
 */
public final class FileSequenceGenerator {

    private static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 11, 1);

    private final Random random;

    public FileSequenceGenerator(Random random) {
        this.random = random;
    }

    /** The partner's own system: what it would export tonight. */
    private final class Source {
        final int index;
        final Map<String, Owner> owners = new LinkedHashMap<>();
        final Map<String, Property> properties = new LinkedHashMap<>();
        final Map<String, Transaction> transactions = new LinkedHashMap<>();
        final Map<String, Document> documents = new LinkedHashMap<>();
        /** The owners of properties whose documents changed content since: the erasure case 2 of issue 10 needs. */
        final Set<String> ownersOfChangedContent = new HashSet<>();
        final List<PartnerFile> sent = new ArrayList<>();
        final Map<String, Integer> lastCorrection = new HashMap<>();
        final Set<String> forgottenErasures = new HashSet<>();
        LocalDate night = FIRST_NIGHT;
        /** The date of the latest transactions file sent, null before the first: documents files are dated so. */
        LocalDate transactionsNight;
        int nextId = 1;
        int version = 1;

        Source(int index) {
            this.index = index;
            int owners = 3 + random.nextInt(3);
            for (int i = 0; i < owners; i++) {
                addOwner();
            }
            for (int i = 0; i < 10 + random.nextInt(5); i++) {
                addProperty();
            }
            for (int i = 0; i < 10 + random.nextInt(6); i++) {
                addTransaction();
            }
        }

        Owner addOwner() {
            Owner o = new Owner("O" + nextId++, "Nom" + version++);
            owners.put(o.id(), o);
            return o;
        }

        Property addProperty() {
            List<String> ids = new ArrayList<>(owners.keySet());
            Property p = new Property("P" + nextId++, ids.get(random.nextInt(ids.size())), "Bien v" + version++,
                    100000 + random.nextInt(1000) * 100L);
            properties.put(p.id(), p);
            return p;
        }

        Transaction addTransaction() {
            List<String> ids = new ArrayList<>(properties.keySet());
            Transaction t = new Transaction("T" + nextId++, ids.get(random.nextInt(ids.size())),
                    1 + random.nextInt(200000), "Loyer v" + version++);
            transactions.put(t.id(), t);
            return t;
        }

        /** A new document of a property, now and then of one of its transactions or with another's content. */
        Document addDocument() {
            Property p = any(properties);
            List<String> itsTransactions = transactions.values().stream().filter(t -> t.property().equals(p.id()))
                    .map(Transaction::id).toList();
            String transaction = !itsTransactions.isEmpty() && random.nextBoolean()
                    ? itsTransactions.get(random.nextInt(itsTransactions.size())) : null;
            String content = !documents.isEmpty() && random.nextInt(6) == 0 ? any(documents).content()
                    : "contenu v" + version++;
            Document d = new Document("D" + nextId++, p.id(), transaction, content);
            documents.put(d.id(), d);
            return d;
        }

        /** A document sent again with other content (another sha256); the content of another document now and then. */
        Document changeContent(Document d) {
            String content = documents.size() > 1 && random.nextInt(5) == 0 ? any(documents).content()
                    : "contenu v" + version++;
            Document changed = new Document(d.id(), d.property(), d.transaction(), content);
            documents.put(d.id(), changed);
            if (properties.containsKey(d.property())) {
                ownersOfChangedContent.add(properties.get(d.property()).owner());
            }
            return changed;
        }

        /** The documents whose property or transaction the partner no longer has are gone from its system too. */
        void forgetDocumentsOfGoneRecords() {
            documents.values().removeIf(d -> !properties.containsKey(d.property())
                    || d.transaction() != null && !transactions.containsKey(d.transaction()));
        }

        /** A property the partner no longer has; its transactions go with it, most of the time. */
        void removeProperty(String id) {
            properties.remove(id);
            if (random.nextInt(5) != 0) {
                transactions.values().removeIf(t -> t.property().equals(id));
            }
        }

        <T> T any(Map<String, T> map) {
            List<T> values = new ArrayList<>(map.values());
            return values.get(random.nextInt(values.size()));
        }

        PartnerFile file(String loader, boolean snapshot, LocalDate date, List<Rec> records, String what) {
            String day = loader + date;
            int correction = lastCorrection.merge(day, 0, (a, b) -> a + 1);
            if (loader.equals(PartnerFile.TRANSACTIONS) && (transactionsNight == null
                    || date.isAfter(transactionsNight))) {
                transactionsNight = date;
            }
            return new PartnerFile(index, loader, snapshot, date, correction, records, what);
        }

        boolean usedKey(String loader, LocalDate date) {
            return lastCorrection.containsKey(loader + date);
        }

        List<Rec> caracteristiques() {
            List<Rec> records = new ArrayList<>(owners.values());
            records.addAll(properties.values());
            return records;
        }

        void changeSome() {
            for (int i = random.nextInt(3); i > 0; i--) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Owner o = any(owners);
                        owners.put(o.id(), new Owner(o.id(), "Nom" + version++));
                    }
                    case 1 -> {
                        Property p = any(properties);
                        properties.put(p.id(), new Property(p.id(), p.owner(), "Bien v" + version++,
                                p.priceEuros()));
                    }
                    default -> {
                        Property p = any(properties);
                        properties.put(p.id(), new Property(p.id(), any(owners).id(), p.label(),
                                p.priceEuros() + 100));
                    }
                }
            }
        }
    }

    /** A sequence of {@code files} files for {@code partners} partners. */
    public List<PartnerFile> sequence(int partners, int files) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < partners; i++) {
            sources.add(new Source(i));
        }
        List<PartnerFile> sequence = new ArrayList<>();
        Source s = sources.get(random.nextInt(partners));
        while (sequence.size() < files) {
            // a partner's files come in runs, as a night's do: long enough for a history of one partner
            if (random.nextInt(3) == 0) {
                s = sources.get(random.nextInt(partners));
            }
            PartnerFile file = s.sent.isEmpty()
                    ? s.file(PartnerFile.CARACTERISTIQUES, true, s.night, s.caracteristiques(), "first snapshot")
                    : next(s);
            if (file != null) {
                s.sent.add(file);
                sequence.add(file);
            }
        }
        return sequence;
    }

    /** The branches of {@link #next} the generator leans towards, when it does. */
    private static final int TRANSACTIONS_SNAPSHOT = 18;
    private static final int ERASURE = 92;
    private static final int DOCUMENTS_DELTA = 100;
    private static final int ALL_CHOICES = 116;

    private PartnerFile next(Source s) {
        s.forgetDocumentsOfGoneRecords();
        s.ownersOfChangedContent.retainAll(s.owners.keySet());
        boolean documentsSent = s.sent.stream().anyMatch(f -> f.loader().equals(PartnerFile.DOCUMENTS));
        int choice = random.nextInt(ALL_CHOICES);
        if (s.transactionsNight == null && random.nextBoolean()) {
            choice = TRANSACTIONS_SNAPSHOT;
        } else if (s.transactionsNight != null && !documentsSent && random.nextBoolean()) {
            choice = DOCUMENTS_DELTA;
        } else if (!s.ownersOfChangedContent.isEmpty() && random.nextInt(3) != 0) {
            choice = ERASURE;
        } else if (documentsSent && !s.documents.isEmpty() && random.nextInt(3) == 0) {
            choice = DOCUMENTS_DELTA; // most often another content for one of them
        }
        if (choice < 18) {
            // a new night's caracteristiques snapshot: records added, changed, removed
            s.night = s.night.plusDays(1);
            s.changeSome();
            if (random.nextBoolean() && s.owners.size() > 1) {
                s.addProperty();
            }
            if (random.nextInt(3) == 0) {
                s.addOwner();
            }
            int removals = random.nextInt(3);
            for (int i = 0; i < removals && s.properties.size() > 2; i++) {
                s.removeProperty(s.any(s.properties).id());
            }
            return s.file(PartnerFile.CARACTERISTIQUES, true, s.night, s.caracteristiques(),
                    "snapshot, " + removals + " properties removed");
        }
        if (choice < 30) {
            // a transactions snapshot
            for (int i = random.nextInt(3); i > 0; i--) {
                s.addTransaction();
            }
            for (int i = random.nextInt(3); i > 0 && s.transactions.size() > 1; i--) {
                s.transactions.remove(s.any(s.transactions).id());
            }
            return s.file(PartnerFile.TRANSACTIONS, true, s.night, new ArrayList<>(s.transactions.values()),
                    "transactions snapshot");
        }
        if (choice < 42) {
            // a transactions delta: new and changed transactions
            List<Rec> records = new ArrayList<>();
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                records.add(s.addTransaction());
            }
            if (!s.transactions.isEmpty()) {
                Transaction t = s.any(s.transactions);
                Transaction changed = new Transaction(t.id(), t.property(), t.amountCents() + 1, t.label());
                s.transactions.put(t.id(), changed);
                if (!records.contains(changed) && records.stream().noneMatch(r -> r instanceof Transaction x
                        && x.id().equals(t.id()))) {
                    records.add(changed);
                }
            }
            return s.file(PartnerFile.TRANSACTIONS, false, s.night, records, "transactions delta");
        }
        if (choice < 50) {
            // a caracteristiques delta on a new night
            s.night = s.night.plusDays(1);
            Property p = s.any(s.properties);
            Property changed = new Property(p.id(), p.owner(), "Bien v" + s.version++, p.priceEuros());
            s.properties.put(p.id(), changed);
            List<Rec> records = new ArrayList<>(List.of(changed));
            if (random.nextBoolean()) {
                Property added = s.addProperty();
                records.add(0, s.owners.get(added.owner()));
                records.add(added);
            }
            return s.file(PartnerFile.CARACTERISTIQUES, false, s.night, records, "delta");
        }
        if (choice < 58) {
            // a delta retiring a record
            if (random.nextInt(4) == 0 && s.transactionsNight != null && s.documents.size() > 1) {
                Document d = s.any(s.documents);
                s.documents.remove(d.id());
                return s.file(PartnerFile.DOCUMENTS, false, s.transactionsNight,
                        List.of(new Retire("document", d.id())), "retire");
            }
            if (random.nextBoolean() && s.transactions.size() > 1) {
                Transaction t = s.any(s.transactions);
                s.transactions.remove(t.id());
                return s.file(PartnerFile.TRANSACTIONS, false, s.night,
                        List.of(new Retire("transaction", t.id())), "retire");
            }
            if (s.properties.size() < 3) {
                return null;
            }
            s.night = s.night.plusDays(1);
            Property p = s.any(s.properties);
            s.removeProperty(p.id());
            return s.file(PartnerFile.CARACTERISTIQUES, false, s.night, List.of(new Retire("property", p.id())),
                    "retire");
        }
        if (choice < 72) {
            // a correction _NN of an earlier file's date, one value changed; most often of the latest file
            PartnerFile earlier = random.nextInt(3) != 0 ? s.sent.getLast()
                    : s.sent.get(random.nextInt(s.sent.size()));
            List<Rec> records = new ArrayList<>(earlier.records());
            int at = records.isEmpty() ? -1 : random.nextInt(records.size());
            if (at >= 0 && records.get(at) instanceof Document d && s.properties.containsKey(d.property())) {
                s.ownersOfChangedContent.add(s.properties.get(d.property()).owner());
            }
            if (at >= 0) {
                records.set(at, switch (records.get(at)) {
                    case Owner o -> new Owner(o.id(), "Nom" + s.version++);
                    case Property p -> new Property(p.id(), p.owner(), "Bien v" + s.version++, p.priceEuros());
                    case Transaction t -> new Transaction(t.id(), t.property(), t.amountCents() + 7, t.label());
                    case Document d -> new Document(d.id(), d.property(), d.transaction(), "contenu v" + s.version++);
                    case Retire x -> x;
                    case Erasure e -> e;
                });
            }
            return s.file(earlier.loader(), earlier.snapshot(), earlier.date(), records,
                    "correction of " + earlier.fileName());
        }
        if (choice < 86) {
            // the bytes of an earlier file under a new name; most often of one a later file of its loader followed
            List<PartnerFile> followed = s.sent.stream().filter(f -> s.sent.stream().skip(s.sent.indexOf(f) + 1)
                    .anyMatch(later -> later.loader().equals(f.loader()))).toList();
            PartnerFile earlier = !followed.isEmpty() && random.nextInt(4) != 0
                    ? followed.get(random.nextInt(followed.size())) : s.sent.get(random.nextInt(s.sent.size()));
            PartnerFile next = s.file(earlier.loader(), earlier.snapshot(), earlier.date(), earlier.records(), "");
            return earlier.renamed(next.correction(), "copy of " + earlier.fileName());
        }
        if (choice < 92) {
            // an older snapshot arriving late
            if (s.night.equals(FIRST_NIGHT)) {
                return null;
            }
            LocalDate older = s.night.minusDays(1 + random.nextInt((int) (s.night.toEpochDay()
                    - FIRST_NIGHT.toEpochDay())));
            return s.file(PartnerFile.CARACTERISTIQUES, true, older, s.caracteristiques(), "older snapshot");
        }
        if (choice >= DOCUMENTS_DELTA) {
            return documents(s, choice);
        }
        // an erasure request, most often of an owner whose document changed content (when leaning that way); now
        // and then the partner forgets to remove the person from its exports
        if (s.owners.size() < 2) {
            return null;
        }
        List<String> changed = new ArrayList<>(s.ownersOfChangedContent);
        Owner o = choice == ERASURE && !changed.isEmpty() ? s.owners.get(changed.get(random.nextInt(changed.size())))
                : s.any(s.owners);
        s.ownersOfChangedContent.remove(o.id());
        s.night = s.night.plusDays(1);
        if (random.nextInt(4) != 0) {
            s.owners.remove(o.id());
            Set<String> gone = new HashSet<>();
            s.properties.values().removeIf(p -> p.owner().equals(o.id()) && gone.add(p.id()));
            s.transactions.values().removeIf(t -> gone.contains(t.property()));
            if (s.properties.isEmpty()) {
                s.addProperty();
            }
        } else {
            s.forgottenErasures.add(o.id());
        }
        return s.file(PartnerFile.CARACTERISTIQUES, false, s.night, List.of(new Erasure(o.id())),
                "erasure" + (s.forgottenErasures.contains(o.id()) ? " (person left in the exports)" : ""));
    }

    /**
     * A documents file, dated as the latest transactions file (so that it never waits): a delta adding documents
     * and giving one other content, or a snapshot of every document, one of them changed or left out.
     */
    private PartnerFile documents(Source s, int choice) {
        if (s.transactionsNight == null) {
            return null;
        }
        List<Rec> records = new ArrayList<>();
        if (choice < DOCUMENTS_DELTA + 12 || s.documents.isEmpty()) {
            if (!s.documents.isEmpty() && random.nextInt(3) != 0) {
                records.add(s.changeContent(s.any(s.documents)));
            }
            for (int i = (records.isEmpty() ? 1 : 0) + random.nextInt(2); i > 0; i--) {
                records.add(s.addDocument());
            }
            return s.file(PartnerFile.DOCUMENTS, false, s.transactionsNight, records, "documents delta");
        }
        if (random.nextBoolean()) {
            s.changeContent(s.any(s.documents));
        }
        if (random.nextInt(3) == 0 && s.documents.size() > 1) {
            s.documents.remove(s.any(s.documents).id());
        }
        return s.file(PartnerFile.DOCUMENTS, true, s.transactionsNight, new ArrayList<>(s.documents.values()),
                "documents snapshot");
    }

    /**
     * True when no transactions file is dated after every caracteristiques file of its partner before it, and no
     * documents file after every transactions file: such a file would wait for that night's upstream file (up to a
     * minute locally), which the model does not follow. Every generated sequence holds it; a shrunk one may not.
     */
    public static boolean neverWaits(List<PartnerFile> sequence) {
        Map<String, LocalDate> latest = new HashMap<>();
        for (PartnerFile file : sequence) {
            List<String> upstream = switch (file.loader()) {
                case PartnerFile.CARACTERISTIQUES -> List.of();
                case PartnerFile.TRANSACTIONS -> List.of(PartnerFile.CARACTERISTIQUES);
                default -> List.of(PartnerFile.CARACTERISTIQUES, PartnerFile.TRANSACTIONS);
            };
            for (String loader : upstream) {
                LocalDate processed = latest.get(file.partner() + loader);
                if (processed == null || file.date().isAfter(processed)) {
                    return false;
                }
            }
            latest.merge(file.partner() + file.loader(), file.date(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return true;
    }
}
