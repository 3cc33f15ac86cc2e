package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night exported by a partner's own software (samples/partner-night: nulls for every empty field, decimals and
 * sizes as strings, its own words for categories) through the whole local pipeline.get(), and the rules that let such
 * a partner in: tolerant reading without configuration, guards with floors that fit a small partner, and the
 * values PostgreSQL cannot store refused record by record. Each test uses partners of its own.
 */
class PartnerNightTest {

    private static final Path NIGHT = Path.of("../samples/partner-night/logimmo-sud");
    private static final String DATE = "20261130";

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet();
    private static SampleNight night;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        night = new SampleNight(NIGHT, DATE, work);
        for (String partner : List.of("logimmo-sud", "vente-sud", "petit-lot", "sans-plancher", "valeurs",
                "codes-sud")) {
            pipeline.get().partners().save(registered(partner, RejectTolerance.DEFAULT, DeletionGuard.DEFAULT));
        }
    }

    // ---------------------------------------------------------------------------------------- tolerant reading

    @Test
    void exportersNight_withNullsStringDecimalsAndItsOwnCategories_integratesFully_withoutEditingItsFiles()
            throws Exception {
        List<RunReport> reports = new java.util.ArrayList<>();
        for (String loader : List.of("caracteristiques", "transactions", "documents")) {
            Path file = NIGHT.resolve(loader + "_" + DATE + ".json");
            RunReport report = pipeline.get().submit("inbox/logimmo-sud/" + file.getFileName(), file).report();
            assertThat(report.outcome()).as(loader + " " + report.errors()).isEqualTo(FileOutcome.SUCCEEDED);
            assertThat(report.counts().rejected()).as(loader).isZero();
            assertThat(report.counts().inserted()).as(loader).isEqualTo(report.counts().received());
            assertThat(report.counts().addsUp()).as(loader).isTrue();
            reports.add(report);
        }
        assertThat(reports).extracting(r -> r.counts().received()).containsExactly(8L, 11L, 2L);

        Map<String, Object> studio = row("select surface_m2, land_share_pct, agency_fees_cents, furniture_value_cents "
                + "from properties where partner_id = 'logimmo-sud' and external_id = 'LS-LOT-3201'");
        assertThat((java.math.BigDecimal) studio.get("surface_m2")).isEqualByComparingTo("19.80");
        assertThat((java.math.BigDecimal) studio.get("land_share_pct")).isEqualByComparingTo("10.5");
        assertThat(studio.get("agency_fees_cents")).isEqualTo(400000L);
        assertThat(row("select agency_fees_cents, rental_start_date from properties where partner_id = 'logimmo-sud' "
                + "and external_id = 'LS-LOT-3102'")).containsEntry("agency_fees_cents", null)
                .containsEntry("rental_start_date", null);
        assertThat(row("select company_name, first_name from owners where partner_id = 'logimmo-sud' "
                + "and external_id = 'LS-PROP-2001'")).containsEntry("company_name", "SCI Calanques")
                .containsEntry("first_name", null);

        // its own category words are kept beside the category inferred from the label
        assertThat(row("select category, category_source, partner_category, account_code from transactions "
                + "where partner_id = 'logimmo-sud' and external_id = 'LS-MVT-880102'"))
                .containsEntry("category", "loan_repayment").containsEntry("category_source", "INFERRED")
                .containsEntry("partner_category", "loan").containsEntry("account_code", "164000");
        assertThat(row("select category, partner_category from transactions where partner_id = 'logimmo-sud' "
                + "and external_id = 'LS-MVT-880103'"))
                .containsEntry("category", "condo_fees").containsEntry("partner_category", "syndic");
        assertThat(row("select category, category_source, partner_category from transactions "
                + "where partner_id = 'logimmo-sud' and external_id = 'LS-MVT-880105'"))
                .containsEntry("category", "rent").containsEntry("category_source", "GIVEN")
                .containsEntry("partner_category", null);
        RunReport transactions = reports.get(1);
        assertThat(transactions.warnings().first()).filteredOn(w -> w.code() == ErrorCode.CATEGORY_UNKNOWN)
                .extracting(FileError::pointer, FileError::value).containsExactly(
                        org.assertj.core.api.Assertions.tuple("/records/0/category", "Loyer"),
                        org.assertj.core.api.Assertions.tuple("/records/1/category", "loan"),
                        org.assertj.core.api.Assertions.tuple("/records/2/category", "syndic"),
                        org.assertj.core.api.Assertions.tuple("/records/5/category", "energie"),
                        org.assertj.core.api.Assertions.tuple("/records/6/category", "Loyer"),
                        org.assertj.core.api.Assertions.tuple("/records/7/category", "taxe fonciere"));
        assertThat(transactions.warnings().first()).filteredOn(w -> w.code() == ErrorCode.CATEGORY_INFERRED)
                .hasSize(2);
        assertThat(transactions.warnings().total()).as("every warning counted")
                .isEqualTo(transactions.warnings().first().size());

        assertThat(row("select transaction_external_id, size_bytes from documents where partner_id = 'logimmo-sud' "
                + "and external_id = 'LS-PJ-55002'")).containsEntry("transaction_external_id", null)
                .containsEntry("size_bytes", 44L);
    }

    @Test
    void anUnknownPropertyType_isRefusedWithTheAcceptedValues_andADecimalComma_namesItsRecordAndField()
            throws Exception {
        ObjectNode caracteristiques = night.read("caracteristiques", "codes-sud");
        record(caracteristiques, 4).put("property_type", "studio");
        record(caracteristiques, 5).put("surface_m2", "12,5");

        RunReport report = pipeline.get().submit(night.key("codes-sud", "caracteristiques"),
                night.write(caracteristiques, "codes-sud", "caracteristiques")).report();

        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts().accepted()).isEqualTo(6);
        assertThat(report.counts().rejected()).isEqualTo(2);
        assertThat(report.errors().first()).extracting(FileError::code, FileError::pointer, FileError::value)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(ErrorCode.FIELD_INVALID, "/records/4/property_type",
                                "studio"),
                        org.assertj.core.api.Assertions.tuple(ErrorCode.DECIMAL_COMMA, "/records/5/surface_m2",
                                "12,5"));
        assertThat(report.errors().first().get(0).message().en())
                .contains("apartment, house, parking, commercial, land, other", "map your value");
        assertThat(report.file().key()).as("the file the errors are in").isEqualTo(night.key("codes-sud",
                "caracteristiques"));
    }

    // ------------------------------------------------------------------------------------------------ guards

    @Test
    void smallPartner_sellingOneOfItsFiveProperties_nextNight_retiresIt_withoutAnOperator() throws Exception {
        assertThat(pipeline.get().submit(night.key("vente-sud", "caracteristiques"),
                night.sample("vente-sud", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        ObjectNode nextNight = night.read("caracteristiques", "vente-sud");
        nextNight.put("snapshot_date", "2026-12-01");
        records(nextNight).remove(7); // the commercial premises are sold
        nextNight.put("record_count", records(nextNight).size());

        RunReport report = pipeline.get().submit("inbox/vente-sud/caracteristiques_20261201.json",
                night.write(nextNight, "vente-sud", "caracteristiques_20261201")).report();

        assertThat(report.outcome()).as(report.errors().toString()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts().retired()).isEqualTo(1);
        assertThat(report.deletionGuard()).isEqualTo(DeletionGuard.DEFAULT);
        assertThat(row("select retired_at is not null as retired from properties where partner_id = 'vente-sud' "
                + "and external_id = 'LS-LOT-3302'")).containsEntry("retired", true);
    }

    @Test
    void partnerWithoutFloors_isGuardedByTheShareAlone_asItsRegistrationSays() throws Exception {
        pipeline.get().partners().save(registered("sans-plancher", new RejectTolerance(5, 0),
                new DeletionGuard(10, 0)));
        assertThat(pipeline.get().submit(night.key("sans-plancher", "caracteristiques"),
                night.sample("sans-plancher", "caracteristiques")).report().outcome())
                .isEqualTo(FileOutcome.SUCCEEDED);
        ObjectNode nextNight = night.read("caracteristiques", "sans-plancher");
        nextNight.put("snapshot_date", "2026-12-01");
        records(nextNight).remove(7);
        nextNight.put("record_count", records(nextNight).size());

        RunReport sale = pipeline.get().submit("inbox/sans-plancher/caracteristiques_20261201.json",
                night.write(nextNight, "sans-plancher", "caracteristiques_20261201")).report();
        RunReport oneBadOfEleven = pipeline.get().submit(night.key("sans-plancher", "transactions"),
                night.write(withOneDecimalComma(night.read("transactions", "sans-plancher")), "sans-plancher",
                        "transactions"))
                .report();

        assertThat(sale.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(sale.errors().first().get(0).code()).isEqualTo(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED);
        assertThat(sale.errors().first().get(0).message().en()).contains("1 of the 5 active properties");
        assertThat(oneBadOfEleven.outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(oneBadOfEleven.errors().first().get(0).code()).isEqualTo(ErrorCode.TOO_MANY_REJECTED_RECORDS);
        assertThat(oneBadOfEleven.counts().addsUp()).isTrue();
    }

    @Test
    void oneRefusedRecordAmongEight_doesNotRefuseTheFile_underTheDefaultFloor() throws Exception {
        assertThat(pipeline.get().submit(night.key("petit-lot", "caracteristiques"),
                night.sample("petit-lot", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        ObjectNode transactions = withOneDecimalComma(night.read("transactions", "petit-lot"));
        ArrayNode records = records(transactions);
        while (records.size() > 8) {
            records.remove(records.size() - 1);
        }
        transactions.put("record_count", 8);

        RunReport report = pipeline.get().submit(night.key("petit-lot", "transactions"),
                night.write(transactions, "petit-lot", "transactions")).report();

        assertThat(report.outcome()).as(report.errors().toString()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts().received()).isEqualTo(8);
        assertThat(report.counts().accepted()).isEqualTo(7);
        assertThat(report.counts().rejected()).isEqualTo(1);
        assertThat(report.counts().inserted()).isEqualTo(7);
        assertThat(report.rejectToleranceRecords()).isEqualTo(2L);
        assertThat(report.errors().first()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DECIMAL_COMMA);
            assertThat(e.pointer()).isEqualTo("/records/1/amount");
            assertThat(e.value()).isEqualTo("-412,80");
        });
        assertThat(query("select count(*) from transactions where partner_id = 'petit-lot'")).isEqualTo(7);
    }

    // --------------------------------------------------------------------------- values PostgreSQL cannot store

    @Test
    void valuesPostgresCannotStore_areRefusedRecordByRecord_andTheRestOfTheFileIntegrates() throws Exception {
        pipeline.get().partners().save(registered("valeurs", new RejectTolerance(50, 2), DeletionGuard.DEFAULT));
        assertThat(pipeline.get().submit(night.key("valeurs", "caracteristiques"),
                night.sample("valeurs", "caracteristiques"))
                .report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        ObjectNode transactions = night.read("transactions", "valeurs");
        record(transactions, 0).put("label", "VIR LOYER\u0000NOVEMBRE");
        record(transactions, 1).put("counterparty", "LONE-SURROGATE");
        record(transactions, 2).put("label", "\u200b\u00a0 \ufeff");
        record(transactions, 3).put("booked_on", "0000-11-03").put("value_date", "0000-11-03");
        record(transactions, 4).put("value_date", "2206-11-04");
        String json = ContractJson.partnerFileMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(transactions).replace("LONE-SURROGATE", "\\ud800");
        Path file = Files.createDirectories(work.resolve("valeurs")).resolve("transactions_" + DATE + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);

        RunReport report = pipeline.get().submit(night.key("valeurs", "transactions"), file).report();

        assertThat(report.outcome()).as(report.errors().toString()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.errors().first()).extracting(FileError::code, FileError::pointer).containsExactly(
                org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_FORBIDDEN_CHARACTER, "/records/0/label"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_FORBIDDEN_CHARACTER,
                        "/records/1/counterparty"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.TEXT_BLANK, "/records/2/label"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.DATE_OUT_OF_RANGE, "/records/3/booked_on"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.DATE_OUT_OF_RANGE, "/records/3/value_date"),
                org.assertj.core.api.Assertions.tuple(ErrorCode.DATE_OUT_OF_RANGE, "/records/4/value_date"));
        assertThat(report.counts().received()).isEqualTo(11);
        assertThat(report.counts().rejected()).isEqualTo(5);
        assertThat(report.counts().accepted()).isEqualTo(6);
        assertThat(report.counts().inserted()).isEqualTo(6);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(query("select count(*) from transactions where partner_id = 'valeurs'")).isEqualTo(6);
        assertThat(query("select count(*) from transactions where partner_id = 'valeurs' "
                + "and (label like '%?%' or counterparty like '%?%')")).as("nothing stored as '?'").isZero();
    }

    // ------------------------------------------------------------------------------------------- fixtures

    private static Partner registered(String partner, RejectTolerance tolerance, DeletionGuard guard) {
        return new Partner(partner, partner, Partner.Language.FR, List.of(), null, null, true,
                EnumSet.allOf(Loader.class), tolerance, guard);
    }

    /** The night's transactions with the second amount written with a decimal comma, as some exporters do. */
    private static ObjectNode withOneDecimalComma(ObjectNode transactions) {
        record(transactions, 1).put("amount", "-412,80");
        return transactions;
    }

    private static ObjectNode record(ObjectNode file, int index) {
        return (ObjectNode) file.get("records").get(index);
    }

    private static ArrayNode records(ObjectNode file) {
        return (ArrayNode) file.get("records");
    }

    private static Map<String, Object> row(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapToMap().one());
    }

    private static long query(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
