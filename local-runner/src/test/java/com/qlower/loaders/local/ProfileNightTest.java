package com.qlower.loaders.local;

import static com.qlower.loaders.local.LoadersRun.loaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.domain.ProfileVersion;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partner nights exported by partners' own software in their own words (samples/partner-night: gerance-azur, a
 * French property manager's export; atlantic-bank, a bank's in English with its own codes), each taken in as a
 * partner is: {@code ./loaders profile suggest} on its files, the draft stored as it is with
 * {@code ./loaders partners profile}, then its files through the whole local pipeline.get(), unedited. And each profile
 * feature seen through the pipeline: renames (nested too), value maps, number and date formats, defaults, ignored
 * fields, errors at the partner's own field, versions in the report and in ingestion_runs.
 */
class ProfileNightTest {

    private static final Path NIGHTS = Path.of("../samples/partner-night");
    private static final String DATE = "20261201";

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet();

    @TempDir
    static Path work;

    /** What an operator does for a new partner: register it, suggest a profile from its files, store the draft. */
    private static Path onboard(String partner, Path samples) throws Exception {
        LoadersRun add = loaders("partners", "add", partner, "--name", partner, "--db-url", pipeline.dbUrl());
        assertThat(add.status()).as(add.stderr()).isEqualTo(LoadersCommand.OK);
        LoadersRun suggest = loaders("profile", "suggest", samples.toString(), "--partner", partner);
        assertThat(suggest.status()).as(suggest.stderr()).isEqualTo(LoadersCommand.OK);
        Path draft = Files.writeString(work.resolve(partner + "-profile.json"), suggest.stdout());
        LoadersRun store = loaders("partners", "profile", partner, "--file", draft.toString(), "--db-url",
                pipeline.dbUrl());
        assertThat(store.status()).as(store.stderr()).isEqualTo(LoadersCommand.OK);
        assertThat(store.stdout()).contains("stored: " + partner + " reads its files with " + partner + " v1");
        return draft;
    }

    private static List<RunReport> integrateNight(String partner, Path folder) throws Exception {
        List<RunReport> reports = new java.util.ArrayList<>();
        for (PartnerFiles.PartnerFile file : PartnerFiles.collect(List.of(folder))) {
            RunReport report = pipeline.get().submit("inbox/" + partner + "/" + file.path().getFileName(), file.path())
                    .report();
            reports.add(report);
        }
        return reports;
    }

    private static void assertIntegratedFully(List<RunReport> reports, ProfileVersion profile) {
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.outcome()).as(report.loader() + " " + report.errors()).isEqualTo(FileOutcome.SUCCEEDED);
            assertThat(report.counts().rejected()).as(report.loader().wireName()).isZero();
            assertThat(report.counts().inserted()).as(report.loader().wireName()).isEqualTo(report.counts().received());
            assertThat(report.profile()).isEqualTo(profile);
        });
    }

    @Test
    void aFrenchPropertyManagersNight_integratesFully_afterProfileSuggestAndPartnersProfile() throws Exception {
        Path folder = NIGHTS.resolve("gerance-azur");
        byte[] before = Files.readAllBytes(folder.resolve("transactions_" + DATE + ".json"));

        onboard("gerance-azur", folder);
        List<RunReport> reports = integrateNight("gerance-azur", folder);

        assertIntegratedFully(reports, new ProfileVersion("gerance-azur", 1));
        assertThat(reports).extracting(r -> r.counts().received()).containsExactly(7L, 9L, 2L);
        assertThat(Files.readAllBytes(folder.resolve("transactions_" + DATE + ".json")))
                .as("the partner's files are not edited").isEqualTo(before);
        // renames, nested too; values "T2" and "Meublé"; "185 000,00" with a decimal comma; dd/MM/yyyy; default FR
        assertThat(row("select property_type, rental_regime, acquisition_date::text as acquired, "
                + "acquisition_price_cents, notary_fees_cents, surface_m2, country, postal_code, address_line2 "
                + "from properties where partner_id = 'gerance-azur' and external_id = 'GA-L-101'"))
                .containsEntry("property_type", "apartment").containsEntry("rental_regime", "lmnp")
                .containsEntry("acquired", "2019-06-14").containsEntry("acquisition_price_cents", 18_500_000L)
                .containsEntry("notary_fees_cents", 1_387_550L).containsEntry("country", "FR")
                .containsEntry("postal_code", "06000").containsEntry("address_line2", "Bât. A");
        assertThat(row("select kind, company_name from owners where partner_id = 'gerance-azur' "
                + "and external_id = 'GA-P-02'")).containsEntry("kind", "company")
                .containsEntry("company_name", "SCI Baie des Anges");
        // "Prêt" is loan_repayment as given, not a category of its own; "-1 312,00"; the default currency
        assertThat(row("select category, category_source, partner_category, amount_cents, currency, "
                + "booked_on::text as booked from transactions where partner_id = 'gerance-azur' "
                + "and external_id = 'GA-M-5006'")).containsEntry("category", "property_tax")
                .containsEntry("category_source", "GIVEN").containsEntry("partner_category", null)
                .containsEntry("amount_cents", -131_200L).containsEntry("currency", "EUR")
                .containsEntry("booked", "2026-11-16");
        assertThat(reports.get(1).warnings().first()).as("every category mapped: none unknown")
                .noneMatch(w -> w.code() == ErrorCode.CATEGORY_UNKNOWN);
        assertThat(row("select document_type, transaction_external_id from documents where partner_id = "
                + "'gerance-azur' and external_id = 'GA-D-9001'")).containsEntry("document_type", "invoice")
                .containsEntry("transaction_external_id", "GA-M-5003");
        assertThat(query("select count(*) from ingestion_runs where partner_id = 'gerance-azur' "
                + "and profile_id = 'gerance-azur' and profile_version = 1")).isEqualTo(3);
    }

    @Test
    void aBanksNight_inEnglishWithItsOwnCodes_integratesFully_afterProfileSuggestAndPartnersProfile()
            throws Exception {
        Path folder = NIGHTS.resolve("atlantic-bank");

        onboard("atlantic-bank", folder);
        List<RunReport> reports = integrateNight("atlantic-bank", folder);

        assertIntegratedFully(reports, new ProfileVersion("atlantic-bank", 1));
        assertThat(reports).extracting(r -> r.counts().received()).containsExactly(5L, 7L);
        // "1,310,000.00": thousands commas read where the profile says so; 11/20/2016 is MM/dd/yyyy
        assertThat(row("select property_type, rental_regime, acquisition_price_cents, acquisition_date::text as d "
                + "from properties where partner_id = 'atlantic-bank' and external_id = 'AB-A-3101'"))
                .containsEntry("property_type", "house").containsEntry("rental_regime", "nu")
                .containsEntry("acquisition_price_cents", 131_000_000L).containsEntry("d", "2016-11-20");
        assertThat(row("select category, amount_cents, booked_on::text as booked from transactions "
                + "where partner_id = 'atlantic-bank' and external_id = 'AB-T-880002'"))
                .containsEntry("category", "loan_repayment").containsEntry("amount_cents", -141_280L)
                .containsEntry("booked", "2026-11-05");
        assertThat(query("select count(*) from transactions where partner_id = 'atlantic-bank' "
                + "and partner_category is not null")).as("every code of the bank mapped").isZero();
    }

    @Test
    void anErrorInAFileReadThroughAProfile_pointsAtThePartnersOwnRecordAndField() throws Exception {
        SampleNight night = new SampleNight(NIGHTS.resolve("gerance-azur"), DATE, work);
        onboard("azur-erreurs", NIGHTS.resolve("gerance-azur"));
        pipeline.get().submit(night.key("azur-erreurs", "caracteristiques"), night.sample("azur-erreurs",
                "caracteristiques"));
        ObjectNode transactions = night.read("transactions", "azur-erreurs");
        ((ObjectNode) transactions.get("records").get(1)).put("montant", "douze euros");
        ((ObjectNode) transactions.get("records").get(4)).put("date_valeur", "31/11/2026");

        RunReport report = pipeline.get().submit(night.key("azur-erreurs", "transactions"),
                night.write(transactions, "azur-erreurs", "transactions")).report();

        assertThat(report.outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(report.counts().rejected()).isEqualTo(2);
        assertThat(report.errors().first()).extracting(FileError::pointer, FileError::value).containsExactly(
                tuple("/records/1/montant", "douze euros"), tuple("/records/4/date_valeur", "31/11/2026"));
        assertThat(report.errors().first()).allSatisfy(e -> assertThat(e.message().fr()).contains("votre champ"));
    }

    @Test
    void aChangedProfile_isANewVersion_namedByTheFilesReadWithIt_theEarlierRunsKeepTheirs() throws Exception {
        SampleNight night = new SampleNight(NIGHTS.resolve("gerance-azur"), DATE, work);
        Path draft = onboard("azur-versions", NIGHTS.resolve("gerance-azur"));
        RunReport first = pipeline.get().submit(night.key("azur-versions", "caracteristiques"),
                night.sample("azur-versions", "caracteristiques")).report();
        ObjectNode changed = (ObjectNode) com.qlower.loaders.contract.ContractJson.internalMapper()
                .readTree(draft.toFile());
        ((ObjectNode) changed.at("/loaders/caracteristiques/values/property_type")).put("Studio", "other");
        Files.writeString(draft, changed.toPrettyString());

        LoadersRun stored = loaders("partners", "profile", "azur-versions", "--file", draft.toString(), "--db-url",
                pipeline.dbUrl());
        LoadersRun again = loaders("partners", "profile", "azur-versions", "--file", draft.toString(), "--db-url",
                pipeline.dbUrl());

        assertThat(stored.status()).isEqualTo(LoadersCommand.OK);
        assertThat(stored.stdout()).contains("stored: azur-versions reads its files with azur-versions v2",
                "version 1", "version 2", "(current)");
        assertThat(again.stdout()).as("the same profile again").contains("unchanged: azur-versions reads its files "
                + "with azur-versions v2");
        ObjectNode correction = night.read("caracteristiques", "azur-versions");
        RunReport second = pipeline.get().submit("inbox/azur-versions/caracteristiques_" + DATE + "_01.json",
                night.write(correction, "azur-versions", "caracteristiques_" + DATE + "_01")).report();

        assertThat(first.profile()).isEqualTo(new ProfileVersion("azur-versions", 1));
        assertThat(second.profile()).isEqualTo(new ProfileVersion("azur-versions", 2));
        assertThat(row("select property_type from properties where partner_id = 'azur-versions' "
                + "and external_id = 'GA-L-102'")).containsEntry("property_type", "other");
        List<Integer> versions = pipeline.get().database().jdbi().withHandle(h -> h.createQuery(
                "select profile_version from ingestion_runs where partner_id = 'azur-versions'")
                .mapTo(Integer.class).list());
        assertThat(versions).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void validateWithAProfile_checksAPartnersOwnExportOffline_asThePipelineWill() throws Exception {
        Path folder = NIGHTS.resolve("gerance-azur");
        LoadersRun suggest = loaders("profile", "suggest", folder.toString());
        assertThat(suggest.status()).isEqualTo(LoadersCommand.OK);
        assertThat(suggest.stderr()).contains("not mapped: caracteristiques: your field 'agence' matches no field",
                "not mapped: transactions: 'currency' is never sent: the draft gives it the default EUR");
        Path draft = Files.writeString(work.resolve("offline-profile.json"), suggest.stdout());

        LoadersRun withProfile = loaders("validate", folder.toString(), "--profile", draft.toString());
        LoadersRun without = loaders("validate", folder.toString());

        assertThat(withProfile.status()).as(withProfile.stdout()).isEqualTo(LoadersCommand.OK);
        assertThat(withProfile.stdout()).contains("lu avec le profil gerance-azur", "VALID", "reçus 9, acceptés 9");
        assertThat(without.status()).as("its own words, without the profile").isEqualTo(LoadersCommand.FILE_FAILED);
    }

    @Test
    void profileCommands_usageErrorsAreOneLineAndTheUsage_anInvalidProfileNamesItsField() throws Exception {
        assertThat(loaders("profile")).isEqualTo(new LoadersRun(LoadersCommand.USAGE_OR_INFRASTRUCTURE, "",
                "profile needs suggest\n\n" + ProfileCommand.USAGE + "\n"));
        assertThat(loaders("profile", "suggest").stderr()).startsWith("no sample export to read\n\nusage:");
        assertThat(loaders("profile", "suggest", "--partner").status())
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        LoadersRun noProfile = loaders("validate", "../samples/drop", "--profile");
        assertThat(noProfile.status()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(noProfile.stderr()).startsWith("--profile needs a value\n\nusage: ./loaders validate");
        assertThat(loaders("partners", "profile", "--db-url", pipeline.dbUrl()).status())
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);

        Path invalid = Files.writeString(work.resolve("invalid-profile.json"), """
                {"profile_id": "x", "loaders": {"transactions": {"renames": {"montant": "amout"},
                 "values": {"category": {"pret": "loan"}}}}}""");
        LoadersRun refused = loaders("partners", "profile", "gerance-azur", "--file", invalid.toString(), "--db-url",
                pipeline.dbUrl());
        assertThat(refused.status()).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(refused.stderr()).contains("is not a valid mapping profile (nothing stored)",
                "/loaders/transactions/renames/montant: 'amout' is not a field of the contract's transactions",
                "/loaders/transactions/values/category/pret: 'loan' is not an accepted value of category");
        assertThat(loaders("validate", "../samples/drop", "--profile", invalid.toString()).status())
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        Path valid = Files.writeString(work.resolve("valid-profile.json"), "{\"profile_id\": \"p\"}");
        LoadersRun unknown = loaders("partners", "profile", "nobody-here", "--file", valid.toString(), "--db-url",
                pipeline.dbUrl());
        assertThat(unknown.status()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(unknown.stderr()).startsWith("nobody-here is not registered");
    }

    private static Map<String, Object> row(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapToMap().one());
    }

    private static long query(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
