package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules of template.yaml that check-template cannot see (issue 9): what a versioned bucket keeps, names that let two
 * stacks live in one account, {@code sam build} through the project's Makefile, and the database connection budget.
 * The YAML reader drops CloudFormation's short-form tags: {@code !Sub x} reads as {@code x}, {@code !Ref p} as
 * {@code p}, {@code !FindInMap [m, !Ref p, k]} as {@code [m, p, k]}.
 */
class TemplateRulesTest {

    private static final Path ROOT = Path.of("..");

    private static JsonNode template;
    /** docs/deploying.md: its table of the template's parameters, and the commands. */
    private static String deploying;
    /** docs/architecture.md: how long the staged records live. */
    private static String architecture;
    /** docs/operating.md: where operators find the reports. */
    private static String operating;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("template.yaml").toFile());
        deploying = Files.readString(ROOT.resolve("docs/deploying.md"));
        architecture = Files.readString(ROOT.resolve("docs/architecture.md"));
        operating = Files.readString(ROOT.resolve("docs/operating.md"));
    }

    // ------------------------------------------------------------------------------------------- retention

    @Test
    void everyVersionedBucket_deletesEarlierVersions_deleteMarkers_andIncompleteUploads() {
        Map<String, JsonNode> versioned = resources("AWS::S3::Bucket");
        versioned.values().removeIf(b -> !b.at("/Properties/VersioningConfiguration/Status").asText()
                .equals("Enabled"));
        assertThat(versioned).containsOnlyKeys("IngestBucket", "DocumentsBucket");

        versioned.forEach((name, bucket) -> {
            List<JsonNode> rules = list(bucket.at("/Properties/LifecycleConfiguration/Rules"));
            // an expiration only adds a delete marker: without this rule, the data would stay as a noncurrent version
            assertThat(rules).as(name + ": earlier versions of every prefix expire, delete markers are removed")
                    .anySatisfy(rule -> {
                        assertThat(rule.has("Prefix") || rule.has("Filter")).isFalse();
                        assertThat(rule.at("/NoncurrentVersionExpiration/NoncurrentDays").asText())
                                .isEqualTo("NoncurrentVersionDays");
                        assertThat(rule.path("ExpiredObjectDeleteMarker").asBoolean()).isTrue();
                    });
            assertThat(rules).as(name + ": incomplete uploads are aborted").anySatisfy(rule -> {
                assertThat(rule.has("Prefix") || rule.has("Filter")).isFalse();
                assertThat(rule.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt()).isBetween(1, 7);
            });
            assertThat(rules).allSatisfy(rule -> assertThat(rule.path("Status").asText()).isEqualTo("Enabled"));
        });
        assertThat(parameter("NoncurrentVersionDays").path("Default").asInt()).isEqualTo(1);
    }

    @Test
    void theIngestBucketsExpirations_areTheRetentionsTheReadmeStates() {
        Map<String, JsonNode> byPrefix = new LinkedHashMap<>();
        for (JsonNode rule : list(resource("IngestBucket").at("/Properties/LifecycleConfiguration/Rules"))) {
            if (rule.has("ExpirationInDays")) {
                byPrefix.put(rule.path("Prefix").asText(), rule.get("ExpirationInDays"));
            }
        }

        assertThat(byPrefix).containsOnlyKeys("staging/", "failure/");
        assertThat(byPrefix.get("staging/").asInt()).isEqualTo(14);
        assertThat(architecture).contains("expired after 14 days by a lifecycle rule");
        assertThat(operating).contains("for 14 days");
        assertThat(byPrefix.get("failure/").asText()).isEqualTo("FailedFileRetentionDays");
        assertThat(deploying).contains("| `FailedFileRetentionDays` | `"
                + parameter("FailedFileRetentionDays").path("Default").asText() + "` |");
        assertThat(deploying).contains("| `NoncurrentVersionDays` | `"
                + parameter("NoncurrentVersionDays").path("Default").asText() + "` |");
    }

    // ---------------------------------------------------------------------------------- two stacks, one account

    /** The property that names a resource of each type the template holds; "" when the type has none. */
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::Serverless::Function", "FunctionName"),
            Map.entry("AWS::Serverless::StateMachine", "Name"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::KMS::Key", ""),
            Map.entry("AWS::KMS::Alias", "AliasName"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::S3::BucketPolicy", ""),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::IAM::RolePolicy", ""),   // its PolicyName is within its role
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SNS::Subscription", ""),
            Map.entry("AWS::SES::ConfigurationSet", "Name"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
            Map.entry("AWS::SecretsManager::Secret", "Name"),
            Map.entry("AWS::SSM::Parameter", "Name"),
            Map.entry("AWS::Scheduler::Schedule", "Name"),
            Map.entry("AWS::Events::Rule", "Name"));

    @Test
    void everyNameTheTemplateSets_beginsWithTheStackName_soThatTwoStacksDeploySideBySide() {
        List<String> named = new ArrayList<>();
        template.path("Resources").properties().forEach(entry -> {
            String type = entry.getValue().path("Type").asText();
            assertThat(NAME_PROPERTY).as("a new resource type: say which property names it").containsKey(type);
            JsonNode name = entry.getValue().path("Properties").path(NAME_PROPERTY.get(type));
            if (!NAME_PROPERTY.get(type).isEmpty() && !name.isMissingNode()) {
                assertThat(name.asText()).as(entry.getKey()).contains("${AWS::StackName}");
                named.add(entry.getKey());
            }
        });
        assertThat(named).contains("ValidatorFunction", "FilePipelineStateMachine", "DataKeyAlias",
                "NotificationsConfigurationSet", "ValidatorLogGroup");
    }

    @Test
    void everyScheduleOfAFunction_isNamedAfterTheStack_notAfterItsEventAlone() {
        List<String> schedules = new ArrayList<>();
        functions().forEach((function, resource) -> resource.at("/Properties/Events").properties().forEach(event -> {
            String type = event.getValue().path("Type").asText();
            if (type.startsWith("Schedule")) {
                // without a Name, SAM names the schedule {function}{event}: the same in every stack
                assertThat(event.getValue().at("/Properties/Name").asText()).as(function + "." + event.getKey())
                        .startsWith("${AWS::StackName}-");
                schedules.add(event.getKey());
            }
        }));
        assertThat(schedules).containsExactlyInAnyOrder("DailySummary", "NightlyDropCheck");
    }

    // ------------------------------------------------------------------------------------------- sam build

    @Test
    void everyFunction_isBuiltBySam_withTheProjectsMakefile_fromItsModule() throws Exception {
        assertThat(functions()).hasSize(7);
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            JsonNode resource = function.getValue();
            String module = resource.at("/Properties/CodeUri").asText();
            String handlerClass = resource.at("/Properties/Handler").asText().split("::")[0];

            assertThat(resource.at("/Metadata/BuildMethod").asText()).isEqualTo("makefile");
            assertThat(resource.at("/Metadata/ProjectRootDirectory").asText()).isEqualTo(".");
            assertThat(ROOT.resolve(module).resolve("src/main/java")
                    .resolve(handlerClass.replace('.', '/') + ".java")).as(function.getKey()).isRegularFile();
            assertThat(make("-n", "build-" + function.getKey(), "ARTIFACTS_DIR=/artifacts"))
                    .as("what make build-%s runs", function.getKey())
                    .contains("./loaders build -pl " + module + " -am")
                    .contains("cp " + module + "/target/" + module + ".jar \"/artifacts/lib/\"");
        }
        assertThat(deploying).contains("sam build && sam deploy");
    }

    @Test
    void makeBuildOfTheValidator_putsItsJar_whereTheJavaRuntimeLoadsClassesFrom(@TempDir Path artifacts)
            throws Exception {
        // the reactor has built validator-function before this module: only the copy is run here
        make("build-ValidatorFunction", "ARTIFACTS_DIR=" + artifacts.toAbsolutePath(), "LOADERS_BUILD=true");

        Path jar = artifacts.resolve("lib/validator-function.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("com/qlower/loaders/validator/ValidatorHandler.class")).isNotNull();
            assertThat(zip.getEntry("com/qlower/loaders/adapters/postgres/Database.class")).isNotNull();
        }
    }

    // ------------------------------------------------------------------------------------- connection budget

    @Test
    void everyFunctionThatUsesTheDatabase_isBoundByItsShareOfTheConnectionBudget() {
        List<String> bound = new ArrayList<>();
        functions().forEach((function, resource) -> {
            if (resource.at("/Properties/Environment/Variables").has("DB_HOST")) {
                JsonNode reserved = resource.at("/Properties/ReservedConcurrentExecutions");
                assertThat(list(reserved).stream().map(JsonNode::asText).toList()).as(function)
                        .containsExactly("DatabaseConnections", "DatabaseConnectionBudget",
                                function.replace("Function", ""));
                bound.add(function);
            }
        });
        assertThat(bound).hasSize(7);
    }

    @Test
    void eachBudgetsSplit_addsUpToTheBudget_countingTwoConnectionsForTheMigration() {
        JsonNode table = template.at("/Mappings/DatabaseConnections");
        List<String> allowed = list(parameter("DatabaseConnectionBudget").path("AllowedValues")).stream()
                .map(JsonNode::asText).toList();

        assertThat(names(table)).containsExactlyElementsOf(allowed);
        for (String budget : allowed) {
            JsonNode split = table.get(budget);
            int connections = 0;
            for (Map.Entry<String, JsonNode> function : split.properties()) {
                assertThat(function.getValue().asInt()).as(budget + " " + function.getKey()).isPositive();
                // Flyway may hold its lock's connection and the migration's
                connections += function.getValue().asInt() * (function.getKey().equals("Migration") ? 2 : 1);
            }
            assertThat(names(split)).containsExactlyInAnyOrder("Validator", "Transformer", "Integrator",
                    "Archiver", "Notifier", "Daily", "Migration");
            assertThat(connections).as("connections at a budget of " + budget).isEqualTo(Integer.parseInt(budget));
        }
        assertThat(deploying).contains("| `DatabaseConnectionBudget` | `"
                + parameter("DatabaseConnectionBudget").path("Default").asText() + "` |");
    }

    @Test
    void theValidatorThrottled_isRetriedByLambdasQueue_thenDeadLettered() {
        JsonNode validator = resource("ValidatorFunction").path("Properties");

        assertThat(validator.at("/EventInvokeConfig/MaximumEventAgeInSeconds").asInt()).isEqualTo(21600);
        assertThat(validator.at("/EventInvokeConfig/MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(validator.at("/DeadLetterQueue/TargetArn").asText()).isEqualTo("ValidatorDeadLetterQueue.Arn");
    }

    // --------------------------------------------------------------------------------------------- helpers

    private static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static Map<String, JsonNode> functions() {
        return resources("AWS::Serverless::Function");
    }

    private static JsonNode resource(String name) {
        JsonNode resource = template.path("Resources").path(name);
        assertThat(resource.isMissingNode()).as(name).isFalse();
        return resource;
    }

    private static JsonNode parameter(String name) {
        return template.path("Parameters").path(name);
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Runs make in the project's root, where SAM runs it; its output, or a failed assertion. */
    private static String make(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
