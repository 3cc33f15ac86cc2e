package com.qlower.loaders.localservers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) that the Lambda service offers a function's runtime, on loopback: the real
 * Java runtime interface client, running a packaged function jar in its own process, asks it for the next event and
 * posts back the result, the invocation's error or its init error. One function process per instance.
 *
 * <p>A small HTTP/1.1 server of its own rather than the JDK's: the runtime client's native part reads the event's
 * headers by their exact names ({@code Lambda-Runtime-Aws-Request-Id}), and the JDK's server rewrites every header
 * name to {@code Lambda-runtime-aws-request-id}, on which the client crashes.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** What the runtime posted: the body of a result, or of an error (JSON with {@code errorType}). */
    public record Answer(Kind kind, String body) {
        public enum Kind { RESULT, ERROR, INIT_ERROR }
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final ServerSocket server;
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();

    public LambdaRuntimeApi() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    /** {@code AWS_LAMBDA_RUNTIME_API} for the runtime: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
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

    /**
     * Waits for the runtime's first request for an event, or its init error, and returns when the first request
     * came ({@link System#nanoTime()}): the end of the init that Lambda bills (the runtime asks for its first event
     * once the handler is constructed). An init error throws {@link InitFailed} with the runtime's report.
     */
    public long awaitFirstPoll(Duration timeout) throws Exception {
        Object first = CompletableFuture.anyOf(firstPoll, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first instanceof Answer error) {
            throw new InitFailed(error.body());
        }
        return (Long) first;
    }

    /** The function could not start: {@code body} is the runtime's init error (JSON with {@code errorType}). */
    public static final class InitFailed extends Exception {
        private final String body;

        InitFailed(String body) {
            super("the function could not start: " + body);
            this.body = body;
        }

        public String body() {
            return body;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One connection: requests one after the other (the client keeps its connection alive). */
    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream()) {
            String requestLine;
            while ((requestLine = line(in)) != null && !requestLine.isEmpty()) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon > 0) {
                        headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                header.substring(colon + 1).trim());
                    }
                }
                if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                String body = new String(body(in, headers), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                String path = parts.length > 1 ? parts[1] : "";
                handle(path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "", body, out);
                if ("close".equalsIgnoreCase(headers.get("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the runtime's process ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(String path, String body, OutputStream out) throws IOException, InterruptedException {
        if (path.equals("invocation/next")) {
            firstPoll.complete(System.nanoTime());
            String[] next = events.take();
            respond(out, 200, next[1], Map.of(
                    "Lambda-Runtime-Aws-Request-Id", next[0],
                    "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 900_000),
                    "Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-3:123456789012:function:local",
                    "Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000"));
        } else if (path.equals("init/error")) {
            initError.complete(new Answer(Answer.Kind.INIT_ERROR, body));
            respond(out, 202, "{}", Map.of());
        } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
            complete(path, new Answer(Answer.Kind.RESULT, body));
            respond(out, 202, "{}", Map.of());
        } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
            complete(path, new Answer(Answer.Kind.ERROR, body));
            respond(out, 202, "{}", Map.of());
        } else {
            respond(out, 404, "{}", Map.of());
        }
    }

    private void complete(String path, Answer answer) {
        String requestId = path.split("/")[1];
        CompletableFuture<Answer> future = answers.remove(requestId);
        if (future != null) {
            future.complete(answer);
        }
    }

    private static void respond(OutputStream out, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + (status < 300 ? " OK" : " Not Found") + "\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** A line of the request's head, without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not used
            }
            return body.toByteArray();
        }
        return in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
