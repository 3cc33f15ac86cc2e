package com.qlower.loaders.localservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Secrets Manager operation the functions call, {@code GetSecretValue} (AWS JSON 1.1 protocol), on
 * loopback, answering from a fixed map of secrets: so that a packaged function jar, run in its own process, reads
 * its database login at its cold start as on AWS ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} points here).
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpServer server;
    private final Map<String, String> secrets;

    /** Serves {@code secrets}: secret id (the ARN the function is given) to secret string. */
    public LocalSecretsManager(Map<String, String> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Matcher id = SECRET_ID.matcher(body);
        if (!"secretsmanager.GetSecretValue".equals(target) || !id.find()) {
            respond(exchange, 400, "{\"__type\":\"InvalidRequestException\",\"message\":\"only GetSecretValue\"}");
            return;
        }
        String secretId = id.group(1);
        String value = secrets.get(secretId);
        if (value == null) {
            respond(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":"
                    + quoted("no secret " + secretId) + "}");
            return;
        }
        respond(exchange, 200, "{\"ARN\":" + quoted(secretId) + ",\"Name\":" + quoted(secretId)
                + ",\"VersionId\":\"local\",\"VersionStages\":[\"AWSCURRENT\"],\"SecretString\":" + quoted(value)
                + "}");
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
