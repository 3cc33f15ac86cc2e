package com.qlower.loaders.local.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.local.model.PartnerFile.Document;
import com.qlower.loaders.local.model.PartnerFile.Erasure;
import com.qlower.loaders.local.model.PartnerFile.Owner;
import com.qlower.loaders.local.model.PartnerFile.Property;
import com.qlower.loaders.local.model.PartnerFile.Rec;
import com.qlower.loaders.local.model.PartnerFile.Retire;
import com.qlower.loaders.local.model.PartnerFile.Transaction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model against the partner guide's own sentences, without the pipeline. */
class ContractModelTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private final ContractModel model = new ContractModel(List.of(5.0, 100.0));

    @Test
    void correctionWithTheContentOfTheFirstFile_bringsTheFirstFilesDataBack() {
        List<Rec> first = night(10, "Bien");
        List<Rec> changed = new ArrayList<>(first);
        changed.set(2, new Property("P0", "O1", "Bien renommé", 100000));

        assertThat(model.apply(caracteristiques(true, DAY, 0, first)).integrated()).isTrue();
        assertThat(model.apply(caracteristiques(true, DAY, 1, changed)).integrated()).isTrue();
        assertThat(model.apply(caracteristiques(true, DAY, 2, first)).integrated()).isTrue();

        assertThat(model.partner(0).properties().get("P0").values()).isEqualTo("O1|Bien|10000000");
    }

    @Test
    void deltaSentAgainAfterARetire_bringsTheRecordBack() {
        model.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));
        List<Rec> adds = List.of(new Transaction("T300", "P0", 1000, "Loyer"));

        model.apply(transactions(false, DAY, 0, adds));
        model.apply(transactions(false, DAY, 1, List.of(new Retire("transaction", "T300"))));
        assertThat(model.partner(0).transactions().get("T300").active()).isFalse();
        model.apply(transactions(false, DAY, 2, adds));

        assertThat(model.partner(0).transactions().get("T300").active()).isTrue();
    }

    @Test
    void snapshot_olderThanTheLastApplied_isRefused_andASameDayCorrectionApplies() {
        model.apply(caracteristiques(true, DAY, 1, night(10, "Bien")));

        assertThat(model.apply(caracteristiques(true, DAY, 0, night(10, "Vieux"))).why()).startsWith("stale");
        assertThat(model.apply(caracteristiques(true, DAY.minusDays(1), 5, night(10, "Vieux"))).integrated())
                .isFalse();
        assertThat(model.apply(caracteristiques(true, DAY, 2, night(10, "Neuf"))).integrated()).isTrue();
        assertThat(model.apply(transactions(true, DAY.minusDays(3), 0, List.of(
                new Transaction("T1", "P0", 5, "x")))).integrated()).as("another loader's order").isTrue();
    }

    @Test
    void snapshot_retiringMoreThanTenPercentAndMoreThanFiveOfAKind_isNotAppliedAtAll_atTenPercentItIs() {
        model.apply(caracteristiques(true, DAY, 0, night(60, "Bien")));

        assertThat(model.apply(caracteristiques(true, DAY.plusDays(1), 0, without(night(60, "Bien"), 53))).why())
                .isEqualTo("deletion guard: property 7 of 60");
        assertThat(model.partner(0).properties().get("P59").active()).isTrue();
        assertThat(model.apply(caracteristiques(true, DAY.plusDays(2), 0, without(night(60, "Bien"), 54)))
                .integrated()).as("6 of 60 is 10 %").isTrue();
        assertThat(model.partner(0).properties().get("P59").active()).isFalse();
        assertThat(model.apply(caracteristiques(true, DAY.plusDays(3), 0, List.of())).why())
                .isEqualTo("empty snapshot");
    }

    @Test
    void snapshot_retiringUpToFiveOfAKind_isApplied_evenAboveTenPercent_butNeverEveryOne() {
        model.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));

        assertThat(model.apply(caracteristiques(true, DAY.plusDays(1), 0, without(night(10, "Bien"), 5)))
                .integrated()).as("5 of 10, within the floor").isTrue();
        assertThat(model.apply(caracteristiques(true, DAY.plusDays(2), 0, without(night(10, "Bien"), 0))).why())
                .as("the 5 left, every one").isEqualTo("deletion guard: property 5 of 5");
    }

    /** The records without the properties numbered {@code from} and above. */
    private static List<Rec> without(List<Rec> records, int from) {
        List<Rec> kept = new ArrayList<>(records);
        kept.removeIf(r -> r instanceof Property p && Integer.parseInt(p.id().substring(1)) >= from);
        return kept;
    }

    @Test
    void snapshotWithARejectedRecord_retiresNothing() {
        ContractModel tolerant = new ContractModel(List.of(100.0));
        tolerant.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));
        List<Rec> next = new ArrayList<>(night(10, "Bien").subList(0, 4));
        next.add(new Property("P99", "UNKNOWN-OWNER", "Bien", 1000));

        assertThat(tolerant.apply(caracteristiques(true, DAY.plusDays(1), 0, next)).integrated()).isTrue();

        assertThat(tolerant.partner(0).properties().values()).allMatch(ContractModel.Row::active).hasSize(10);
    }

    @Test
    void erasure_deletesTheOwnerTheirPropertiesAndTransactions_andALaterFileNamingThemHasThoseRecordsRejected() {
        model.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));
        model.apply(transactions(false, DAY, 0, List.of(new Transaction("T1", "P0", 5, "x"),
                new Transaction("T2", "P1", 5, "x"))));

        model.apply(caracteristiques(false, DAY.plusDays(1), 0, List.of(new Erasure("O1"))));

        // night(): P0, P2, P4... belong to O1
        assertThat(model.partner(0).owners()).doesNotContainKey("O1").containsKey("O2");
        assertThat(model.partner(0).properties()).doesNotContainKeys("P0", "P2").containsKeys("P1", "P3");
        assertThat(model.partner(0).transactions()).doesNotContainKey("T1").containsKey("T2");
        assertThat(model.apply(caracteristiques(true, DAY.plusDays(2), 0, night(10, "Bien"))).why())
                .startsWith("too many rejected");
    }

    @Test
    void documentSentAgainWithOtherContent_takesIt_andTheContentItReplacesMayStayItsRetention() {
        model.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));
        Document first = new Document("D1", "P0", null, "facture");
        Document corrected = new Document("D1", "P0", null, "facture corrigée");

        model.apply(documents(false, DAY, 0, List.of(first)));
        model.apply(documents(false, DAY, 1, List.of(corrected)));

        assertThat(model.partner(0).documents().get("D1").values()).isEqualTo("P0||" + corrected.sha256());
        assertThat(model.partner(0).liveContents()).containsExactly(corrected.sha256());
        assertThat(model.partner(0).supersededContents()).containsExactly(first.sha256());
        assertThat(model.partner(0).erasedContents()).isEmpty();
    }

    @Test
    void erasure_deletesTheDocumentsAndEveryContentTheyEverHad_butOneAnotherDocumentStillHas() {
        model.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));
        model.apply(transactions(false, DAY, 0, List.of(new Transaction("T1", "P0", 5, "x"))));
        // P0 is O1's, P1 O2's; D2 (O2's) ends with the content D1 (O1's) had first
        model.apply(documents(false, DAY, 0, List.of(new Document("D1", "P0", "T1", "bail"),
                new Document("D2", "P1", null, "avis"))));
        model.apply(documents(false, DAY, 1, List.of(new Document("D1", "P0", "T1", "bail signé"),
                new Document("D2", "P1", null, "bail"))));

        model.apply(caracteristiques(false, DAY.plusDays(1), 0, List.of(new Erasure("O1"))));

        assertThat(model.partner(0).documents()).containsOnlyKeys("D2");
        Document d = new Document("D", "P", null, "bail");
        assertThat(model.partner(0).liveContents()).containsExactly(d.sha256());
        assertThat(model.partner(0).erasedContents()).containsExactly(new Document("D", "P", null, "bail signé")
                .sha256());
        assertThat(model.partner(0).supersededContents()).containsExactly(new Document("D", "P", null, "avis")
                .sha256());
    }

    @Test
    void document_ofAPropertyOrTransactionNotIntegrated_isRejected_andASnapshotOfDocumentsRetiresTheAbsentOnes() {
        ContractModel tolerant = new ContractModel(List.of(100.0));
        tolerant.apply(caracteristiques(true, DAY, 0, night(10, "Bien")));

        assertThat(tolerant.apply(documents(false, DAY, 0, List.of(new Document("D1", "P0", null, "a"),
                new Document("D2", "P404", null, "b"), new Document("D3", "P1", "T404", "c")))).why())
                .isEqualTo("integrated, 2 rejected");
        tolerant.apply(documents(false, DAY, 1, List.of(new Document("D4", "P2", null, "d"))));
        assertThat(tolerant.apply(documents(true, DAY, 2, List.of(new Document("D4", "P2", null, "d"))))
                .integrated()).isTrue();

        assertThat(tolerant.partner(0).documents().get("D1").active()).isFalse();
        assertThat(tolerant.partner(0).documents()).containsOnlyKeys("D1", "D4");
        assertThat(tolerant.partner(0).liveContents()).as("a retired document keeps its content").hasSize(2);
    }

    @Test
    void generatedFiles_renderedTwice_areTheSameBytes_andNoTransactionsFileWaits() {
        List<PartnerFile> sequence = new FileSequenceGenerator(new Random(1)).sequence(3, 40);

        assertThat(sequence).allSatisfy(f -> assertThat(f.render("p-x")).isEqualTo(f.render("p-x")));
        assertThat(FileSequenceGenerator.neverWaits(sequence)).isTrue();
        assertThat(sequence).as("documents files and erasures")
                .anyMatch(f -> f.loader().equals(PartnerFile.DOCUMENTS)).anyMatch(f -> f.records().stream()
                        .anyMatch(r -> r instanceof Erasure));
        assertThat(sequence.stream().map(f -> f.partner() + f.fileName()).distinct()).hasSize(sequence.size());
    }

    /** Two owners O1 and O2, and {@code n} properties P0.. alternating between them. */
    private static List<Rec> night(int n, String label) {
        List<Rec> records = new ArrayList<>(List.of(new Owner("O1", "Martin"), new Owner("O2", "Durand")));
        for (int i = 0; i < n; i++) {
            records.add(new Property("P" + i, i % 2 == 0 ? "O1" : "O2", label, 100000));
        }
        return records;
    }

    private static PartnerFile caracteristiques(boolean snapshot, LocalDate date, int nn, List<Rec> records) {
        return new PartnerFile(0, PartnerFile.CARACTERISTIQUES, snapshot, date, nn, records, "");
    }

    private static PartnerFile transactions(boolean snapshot, LocalDate date, int nn, List<Rec> records) {
        return new PartnerFile(0, PartnerFile.TRANSACTIONS, snapshot, date, nn, records, "");
    }

    private static PartnerFile documents(boolean snapshot, LocalDate date, int nn, List<Rec> records) {
        return new PartnerFile(0, PartnerFile.DOCUMENTS, snapshot, date, nn, records, "");
    }
}
