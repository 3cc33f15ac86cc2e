package com.qlower.loaders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.qlower.loaders.contract.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The published report schema, {@code docs/report.schema.json}, as the tests of any module read it (they run in the
 * module's folder, beside {@code docs/}), with format assertions on: what a partner validating our reports would
 * see.
 */
public final class ReportSchema {

    public static final Path FILE = Path.of("../docs/report.schema.json");

    private static final JsonSchema SCHEMA = load();

    private ReportSchema() {
    }

    /** The schema as JSON: its enums are compared with the code's. */
    public static JsonNode json() {
        try {
            return ContractJson.internalMapper().readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** What is wrong with a report, each as {@code /pointer: message}; empty when it conforms. */
    public static List<String> violations(JsonNode report) {
        return SCHEMA.validate(report).stream()
                .map(ReportSchema::describe)
                .sorted()
                .toList();
    }

    public static List<String> violations(byte[] reportJson) {
        try {
            return violations(ContractJson.internalMapper().readTree(reportJson));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json(), config);
        schema.initializeValidators();
        return schema;
    }

    private static String describe(ValidationMessage message) {
        return message.getInstanceLocation() + ": " + message.getMessage();
    }
}
