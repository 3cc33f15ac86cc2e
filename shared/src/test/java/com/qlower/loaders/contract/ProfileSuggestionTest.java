package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.domain.RejectTolerance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The profile suggestion on exports it has never seen (src/test/resources/held-out-exports, used by this test only:
 * none of their field names or coded values is the contract's, and few are written as in the dictionary): the
 * draft maps them, so that every record of theirs passes the contract's checks read through it.
 */
class ProfileSuggestionTest {

    private static final Path HELD_OUT = Path.of("src/test/resources/held-out-exports");
    private static final ProfileSuggestion SUGGESTION = new ProfileSuggestion();

    private static List<Path> files(String partner) throws IOException {
        try (Stream<Path> files = Files.list(HELD_OUT.resolve(partner))) {
            return files.sorted().toList();
        }
    }

    private static ProfileSuggestion.Suggestion suggest(String partner) throws IOException {
        Map<Loader, List<JsonNode>> samples = new TreeMap<>();
        for (Path file : files(partner)) {
            JsonNode json = ContractJson.internalMapper().readTree(file.toFile());
            samples.computeIfAbsent(Loader.fromWireName(json.path("loader").asText()).orElseThrow(),
                    l -> new ArrayList<>()).add(json);
        }
        return SUGGESTION.suggest(partner, samples);
    }

    /** Every file of the partner through the contract's checks, read through the profile: the errors of each. */
    private static List<String> errorsThrough(String partner, MappingProfile profile) throws IOException {
        PartnerFileCheck check = new PartnerFileCheck(RecordValidatorTest.VALIDATOR, 10_000_000,
                RejectTolerance.DEFAULT);
        List<String> errors = new ArrayList<>();
        for (Path file : files(partner)) {
            PartnerFileCheck.Result result = check.check("inbox/" + partner + "/" + file.getFileName(),
                    Files.size(file), () -> open(file), (index, record) -> { }, RejectTolerance.DEFAULT, profile);
            assertThat(result.received()).isPositive();
            result.errors().first().forEach(e -> errors.add(file.getFileName() + " " + e.pointer() + " "
                    + e.code() + " " + e.message().en()));
        }
        return errors;
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFrenchAccountantsExport_neverSeen_isMapped_soThatEveryRecordPasses() throws Exception {
        ProfileSuggestion.Suggestion suggestion = suggest("cabinet-ouest");
        ObjectNode profile = suggestion.profile();

        assertThat(profile.at("/number_format/decimal_separator").asText()).isEqualTo(",");
        assertThat(profile.at("/number_format/thousands_separator").asText()).isEqualTo(".");
        assertThat(profile.at("/date_formats/0").asText()).isEqualTo("d/M/yyyy");
        JsonNode caracteristiques = profile.at("/loaders/caracteristiques");
        assertThat(caracteristiques.at("/renames/type_enregistrement").asText()).isEqualTo("type");
        assertThat(caracteristiques.at("/renames/id_bailleur").asText()).isEqualTo("owner_external_id");
        assertThat(caracteristiques.at("/renames/adresse_postale~1numero_et_voie").asText())
                .isEqualTo("address/line1");
        assertThat(caracteristiques.at("/renames/superficie").asText()).isEqualTo("surface_m2");
        assertThat(caracteristiques.at("/values/type/Bailleur").asText()).isEqualTo("owner");
        assertThat(caracteristiques.at("/values/property_type/T1 bis").asText()).isEqualTo("apartment");
        assertThat(caracteristiques.at("/values/rental_regime/Location meublée").asText()).isEqualTo("lmnp");
        assertThat(caracteristiques.at("/ignored/0").asText()).isEqualTo("code_gestionnaire");
        JsonNode transactions = profile.at("/loaders/transactions");
        assertThat(transactions.at("/renames/num_mouvement").asText()).isEqualTo("external_id");
        assertThat(transactions.at("/renames/rubrique").asText()).isEqualTo("category");
        assertThat(transactions.at("/values/category/Échéance prêt").asText()).isEqualTo("loan_repayment");
        assertThat(transactions.at("/values/category/Appel de fonds").asText()).isEqualTo("condo_fees");
        assertThat(suggestion.unmapped()).anyMatch(line -> line.contains("'lettrage'"));

        ProfileCheck.Verdict verdict = new ProfileCheck().check(profile);
        assertThat(verdict.problems()).as("the draft is a valid profile as it is").isEmpty();
        assertThat(errorsThrough("cabinet-ouest", verdict.profile())).isEmpty();
        assertThat(errorsThrough("cabinet-ouest", null)).as("not one of its files passes without it").isNotEmpty();
    }

    @Test
    void anEnglishLettingAgentsDocuments_neverSeen_areMapped_soThatEveryRecordPasses() throws Exception {
        ProfileSuggestion.Suggestion suggestion = suggest("harbour-lettings");
        JsonNode documents = suggestion.profile().at("/loaders/documents");

        assertThat(documents.at("/renames/document_id").asText()).isEqualTo("external_id");
        assertThat(documents.at("/renames/transaction_ref").asText()).isEqualTo("transaction_external_id");
        assertThat(documents.at("/renames/digest").asText()).isEqualTo("sha256");
        assertThat(documents.at("/values/document_type/Tenancy agreement").asText()).isEqualTo("lease");
        assertThat(documents.at("/values/document_type/Title deed").asText()).isEqualTo("deed");
        assertThat(documents.at("/ignored").toString()).isEqualTo("[\"uploaded_by\"]");

        ProfileCheck.Verdict verdict = new ProfileCheck().check(suggestion.profile());
        assertThat(verdict.problems()).isEmpty();
        assertThat(errorsThrough("harbour-lettings", verdict.profile())).isEmpty();
    }

    @Test
    void whatCannotBeMapped_isSaid_neverGuessed() {
        JsonNode file = RecordValidatorTest.json("""
                {"records": [{"txn": "T-1", "prop": "P-1", "when": "2026-11-03", "amount": "1,234",
                              "currency": "EUR", "label": "X", "counterparty": "Y", "category": "ZQX"}]}""");

        ProfileSuggestion.Suggestion suggestion = SUGGESTION.suggest("p", Map.of(Loader.TRANSACTIONS, List.of(file)));

        assertThat(suggestion.profile().has("number_format")).as("1,234 is not guessed").isFalse();
        assertThat(suggestion.unmapped())
                .anyMatch(line -> line.contains("1,234"))
                .anyMatch(line -> line.contains("'ZQX'") && line.contains("kept as your category"))
                .anyMatch(line -> line.contains("required 'booked_on'"))
                .anyMatch(line -> line.contains("'txn'"));
    }
}
