package com.qlower.loaders.localservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) that the Lambda service offers a function's runtime, on loopback: the real
 * Java runtime interface client, running a packaged function jar in its own process, asks it for the next event and
 * posts back the result, the invocation's error or its init error. One function process per instance.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** What the runtime posted: the body of a result, or of an error (JSON with {@code errorType}). */
    public record Answer(Kind kind, String body) {
        public enum Kind { RESULT, ERROR, INIT_ERROR }
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();

    public LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API} for the runtime: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands the event to the runtime and waits for its answer; an init error, if it fails to start, answers too. */
    public Answer invoke(String event, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        events.add(new String[] {requestId, event});
        return CompletableFuture.anyOf(answer, initError).thenApply(Answer.class::cast)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (path.equals("invocation/next")) {
                String[] next = events.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next[0]);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 900_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-3:123456789012:function:local");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                        "Root=1-00000000-000000000000000000000000");
                respond(exchange, 200, next[1]);
            } else if (path.equals("init/error")) {
                initError.complete(new Answer(Answer.Kind.INIT_ERROR, body));
                respond(exchange, 202, "{}");
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(path, new Answer(Answer.Kind.RESULT, body));
                respond(exchange, 202, "{}");
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(path, new Answer(Answer.Kind.ERROR, body));
                respond(exchange, 202, "{}");
            } else {
                respond(exchange, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{}");
        }
    }

    private void complete(String path, Answer answer) {
        String requestId = path.split("/")[1];
        CompletableFuture<Answer> future = answers.remove(requestId);
        if (future != null) {
            future.complete(answer);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
