package com.qlower.loaders.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * The floor a function's cold start is measured against ({@link ColdStartBenchmark}): a handler that, run under
 * the Lambda runtime client on the function's own jar, only builds the SDK clients that function builds, with the
 * same builders ({@link AwsClients}), and nothing else: no secret read, no database, no service. The clients are
 * named by {@code COLD_START_PROBE_CLIENTS} (comma-separated {@link Client} names).
 */
public class ColdStartProbe implements RequestHandler<ColdStartProbe.Request, ColdStartProbe.Result> {

    /** An SDK client a function builds at its cold start. */
    public enum Client { S3, S3_PRESIGNER, STEP_FUNCTIONS, SECRETS_MANAGER, SES }

    /** Anything: the probe ignores its input. */
    public record Request(String note) {
    }

    /** The clients it built. */
    public record Result(List<String> built) {
    }

    static final String CLIENTS_VARIABLE = "COLD_START_PROBE_CLIENTS";

    private final List<Object> clients = new ArrayList<>();
    private final List<String> built = new ArrayList<>();

    /** Builds the clients, as the function's no-argument constructor would. */
    public ColdStartProbe() {
        Map<String, String> env = System.getenv();
        Region region = Region.of(env.get("AWS_REGION"));
        for (String name : env.getOrDefault(CLIENTS_VARIABLE, "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Client client = Client.valueOf(name.trim());
            clients.add(switch (client) {
                case S3 -> AwsClients.s3(region);
                case S3_PRESIGNER -> AwsClients.s3Presigner(region);
                case STEP_FUNCTIONS -> AwsClients.stepFunctions(region);
                case SECRETS_MANAGER -> AwsClients.secretsManager(region);
                case SES -> AwsClients.sesV2(region);
            });
            built.add(client.name());
        }
    }

    @Override
    public Result handleRequest(Request request, Context context) {
        return new Result(List.copyOf(built));
    }
}
