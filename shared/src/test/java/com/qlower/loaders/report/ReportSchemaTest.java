package com.qlower.loaders.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.steps.ArchiveRequest.StepFailure;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.testing.ReportSchema;
import com.qlower.loaders.testing.SampleReports;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/report.schema.json} says what {@link RunReport} writes, no more and no less: a field or a code added
 * to the code without the schema (or the other way round) fails here. The local runner's tests validate real
 * reports against it.
 */
class ReportSchemaTest {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private final JsonNode schema = ReportSchema.json();

    @Test
    void schemaProperties_areTheReportsFields() {
        assertThat(names(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(jsonNames(RunReport.class));
        assertThat(names(schema.at("/$defs/counts/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(Counts.class));
        assertThat(strings(schema.at("/$defs/counts/required"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(Counts.class));
        assertThat(names(schema.at("/$defs/fileError/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(FileError.class));
        assertThat(names(schema.at("/$defs/errorList/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(ErrorList.class));
        assertThat(names(schema.at("/properties/file/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(FileRef.class));
        assertThat(names(schema.at("/properties/failure/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(StepFailure.class));
        assertThat(names(schema.at("/properties/steps/properties"))).containsExactlyInAnyOrderElementsOf(
                jsonNames(StepOutcomes.class));
    }

    @Test
    void schemaEnums_areTheOutcomesAndTheCodesOfEachScope() {
        assertThat(strings(schema.at("/properties/outcome/enum"))).containsExactlyElementsOf(
                Arrays.stream(FileOutcome.values()).map(Enum::name).toList());
        assertThat(strings(schema.at("/$defs/fileScopedCode/enum"))).containsExactlyElementsOf(
                codesOf(ErrorCode.Scope.FILE));
        assertThat(strings(schema.at("/$defs/recordScopedCode/enum"))).containsExactlyElementsOf(
                codesOf(ErrorCode.Scope.RECORD));
        assertThat(strings(schema.at("/$defs/warningCode/enum"))).containsExactlyElementsOf(
                codesOf(ErrorCode.Scope.WARNING));
        assertThat(schema.at("/properties/report_version/const").asInt()).isEqualTo(RunReport.VERSION);
        // a waiting transform writes nothing: what a report records is a decision
        for (String step : List.of("validate", "transform", "integrate")) {
            assertThat(strings(schema.at("/properties/steps/properties/" + step + "/enum"))).as(step)
                    .containsExactlyElementsOf(Arrays.stream(StepOutcome.values())
                            .filter(o -> o != StepOutcome.WAITING).map(Enum::name).toList());
        }
    }

    @Test
    void reportWithEveryFieldSet_conforms() {
        JsonNode report = ContractJson.internalMapper().valueToTree(SampleReports.everyField());

        assertThat(names(report)).as("every field is written").containsExactlyInAnyOrderElementsOf(
                jsonNames(RunReport.class));
        assertThat(ReportSchema.violations(report)).isEmpty();
    }

    @Test
    void reportWithAnUndocumentedField_aWarningAmongErrors_orAMissingArchive_doesNotConform() {
        ObjectNode extraField = ContractJson.internalMapper().valueToTree(SampleReports.everyField());
        extraField.put("partner_name", "GestImmo");
        ObjectNode warningAsError = ContractJson.internalMapper().valueToTree(SampleReports.everyField());
        ((ObjectNode) warningAsError.at("/errors/first/0")).put("code", ErrorCode.CATEGORY_INFERRED.name());
        ObjectNode archivedNowhere = ContractJson.internalMapper().valueToTree(SampleReports.everyField());
        archivedNowhere.remove("archived_key");
        ObjectNode lateTimestamp = ContractJson.internalMapper().valueToTree(SampleReports.everyField());
        lateTimestamp.put("finished_at", "23/11/2026 03:14");

        assertThat(ReportSchema.violations(extraField)).singleElement().asString().contains("partner_name");
        assertThat(ReportSchema.violations(warningAsError)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("/errors/first/0/code"));
        assertThat(ReportSchema.violations(archivedNowhere)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("archived_key"));
        assertThat(ReportSchema.violations(lateTimestamp)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("/finished_at"));
    }

    private static List<String> codesOf(ErrorCode.Scope scope) {
        return Arrays.stream(ErrorCode.values()).filter(c -> c.scope() == scope).map(Enum::name).toList();
    }

    private static List<String> jsonNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .map(SNAKE_CASE::translate).toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
