package com.qlower.loaders.local.model;

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
 * properties, transactions) that changes from night to night, and exports it as the contract allows: snapshots,
 * deltas, retirements, erasure requests; and as partners get it wrong: corrections of an earlier date, the same
 * content again under another name, a late older snapshot, an erased person left in the export.
 *
 * <p>Every file is valid on its own (key, envelope, schema). A partner's first file is a caracteristiques snapshot,
 * and a transactions file is never dated after the partner's latest caracteristiques file, so no file waits for an
 * upstream file (see {@link #neverWaits}).
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
        final List<PartnerFile> sent = new ArrayList<>();
        final Map<String, Integer> lastCorrection = new HashMap<>();
        final Set<String> forgottenErasures = new HashSet<>();
        LocalDate night = FIRST_NIGHT;
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
        while (sequence.size() < files) {
            Source s = sources.get(random.nextInt(partners));
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

    private PartnerFile next(Source s) {
        int choice = random.nextInt(100);
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
            if (at >= 0) {
                records.set(at, switch (records.get(at)) {
                    case Owner o -> new Owner(o.id(), "Nom" + s.version++);
                    case Property p -> new Property(p.id(), p.owner(), "Bien v" + s.version++, p.priceEuros());
                    case Transaction t -> new Transaction(t.id(), t.property(), t.amountCents() + 7, t.label());
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
        // an erasure request; now and then the partner forgets to remove the person from its exports
        if (s.owners.size() < 2) {
            return null;
        }
        Owner o = s.any(s.owners);
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
     * True when no transactions file is dated after every caracteristiques file of its partner before it: such a
     * file would wait for that night's caracteristiques (up to half a minute locally), which the model does not
     * follow. Every generated sequence holds it; a shrunk one may not.
     */
    public static boolean neverWaits(List<PartnerFile> sequence) {
        Map<Integer, LocalDate> latest = new HashMap<>();
        for (PartnerFile file : sequence) {
            if (file.loader().equals(PartnerFile.CARACTERISTIQUES)) {
                latest.merge(file.partner(), file.date(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (latest.get(file.partner()) == null || file.date().isAfter(latest.get(file.partner()))) {
                return false;
            }
        }
        return true;
    }
}
