package com.qlower.loaders.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code ./loaders} command run in the test's JVM ({@link LoadersCommand}, as the script calls it): its exit
 * status and what it printed on each stream.
 */
record LoadersRun(int status, String stdout, String stderr) {

    static LoadersRun loaders(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new LoadersCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new LoadersRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
