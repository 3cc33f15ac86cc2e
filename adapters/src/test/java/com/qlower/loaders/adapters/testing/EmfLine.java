package com.qlower.loaders.adapters.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A line of CloudWatch Embedded Metric Format, read and checked against the format's rules (the specification,
 * "Embedded Metric Format Specification", of the CloudWatch user guide): {@code _aws.Timestamp} in epoch
 * milliseconds; each directive with a namespace, dimension sets whose every dimension is a string at the root, and
 * metrics whose every name has a number at the root and a unit CloudWatch knows.
 */
public final class EmfLine {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The units this project uses, among CloudWatch's. */
    private static final Set<String> UNITS = Set.of("Count", "Milliseconds", "Seconds", "Bytes", "None");

    private final JsonNode root;
    private final Map<String, String> unitByMetric = new HashMap<>();
    private final Map<String, String> namespaceByMetric = new HashMap<>();

    private EmfLine(JsonNode root) {
        this.root = root;
    }

    /** Whether the line claims to be EMF: a JSON object whose first field is {@code _aws}. */
    public static boolean isEmf(String line) {
        return line.startsWith("{\"_aws\":");
    }

    /** Reads the line and asserts it is valid EMF. */
    public static EmfLine parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
        EmfLine emf = new EmfLine(root);
        JsonNode aws = root.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp, epoch ms: %s", line).isTrue();
        assertThat(aws.path("CloudWatchMetrics").isArray() && !aws.path("CloudWatchMetrics").isEmpty())
                .as("_aws.CloudWatchMetrics, a non-empty array: %s", line).isTrue();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            String namespace = directive.path("Namespace").asText("");
            assertThat(namespace).as("Namespace: %s", line).isNotBlank();
            assertThat(directive.path("Dimensions").isArray()).as("Dimensions: %s", line).isTrue();
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                assertThat(dimensionSet.size()).as("a dimension set has 1 to 30 dimensions: %s", line)
                        .isBetween(1, 30);
                for (JsonNode dimension : dimensionSet) {
                    assertThat(root.path(dimension.asText()).isTextual())
                            .as("dimension %s is a string at the root: %s", dimension, line).isTrue();
                }
            }
            assertThat(directive.path("Metrics").isArray() && !directive.path("Metrics").isEmpty())
                    .as("Metrics, a non-empty array: %s", line).isTrue();
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText("");
                assertThat(root.path(name).isNumber()).as("metric %s is a number at the root: %s", name, line)
                        .isTrue();
                assertThat(metric.path("Unit").asText()).as("unit of %s: %s", name, line).isIn(UNITS);
                emf.unitByMetric.put(name, metric.path("Unit").asText());
                emf.namespaceByMetric.put(name, namespace);
            }
        }
        return emf;
    }

    /** A root field: a dimension's value, or a property. */
    public String field(String name) {
        return root.path(name).asText(null);
    }

    public boolean hasMetric(String name) {
        return unitByMetric.containsKey(name);
    }

    public double metric(String name) {
        assertThat(hasMetric(name)).as("metric %s in %s", name, root).isTrue();
        return root.path(name).asDouble();
    }

    public String unit(String metric) {
        return unitByMetric.get(metric);
    }

    public String namespace(String metric) {
        return namespaceByMetric.get(metric);
    }

    /** The dimension sets of the directive that names this metric. */
    public JsonNode dimensionSetsOf(String metric) {
        for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode m : directive.path("Metrics")) {
                if (m.path("Name").asText().equals(metric)) {
                    return directive.path("Dimensions");
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
