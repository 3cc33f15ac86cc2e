package com.qlower.loaders.adapters.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.event.Level;

/**
 * How much the JSON log writes, and where. Each setting is read from a system property, else an environment
 * variable, else the classpath file {@value #FILE} (the local runner ships one), else its default:
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>variable</th><th>default</th></tr>
 * <tr><td>{@code loaders.log.level}</td><td>{@code LOG_LEVEL}</td><td>{@code info}: our loggers
 *     ({@code com.qlower…})</td></tr>
 * <tr><td>{@code loaders.log.level.libraries}</td><td>{@code LOG_LEVEL_LIBRARIES}</td><td>{@code warn}: every
 *     other logger (AWS SDK, JDBC driver, Flyway…)</td></tr>
 * <tr><td>{@code loaders.log.output}</td><td>{@code LOG_OUTPUT}</td><td>{@code stdout}, or {@code stderr}</td></tr>
 * </table>
 * A level is one of trace, debug, info, warn, error; an unknown value fails the start with the setting's name.
 *
 * @param ours threshold of the loggers under {@value #OUR_LOGGERS}
 * @param libraries threshold of the others
 */
public record LogSettings(Level ours, Level libraries, Output output) {

    public static final String OUR_LOGGERS = "com.qlower.";
    public static final String FILE = "loaders-logging.properties";

    /** Where the lines go; the stream is looked up at each line, so a test's {@code System.setOut} sees them. */
    public enum Output {
        STDOUT, STDERR;

        PrintStream stream() {
            return this == STDOUT ? System.out : System.err;
        }
    }

    /** The defaults: our INFO lines and the libraries' warnings, on standard output (CloudWatch on Lambda). */
    public static final LogSettings DEFAULT = new LogSettings(Level.INFO, Level.WARN, Output.STDOUT);

    /** Whether a logger of this name writes at this level. */
    public boolean enabled(String loggerName, Level level) {
        Level threshold = loggerName.startsWith(OUR_LOGGERS) ? ours : libraries;
        return level.toInt() >= threshold.toInt();
    }

    /** The settings of this process: its system properties, its environment, the classpath file. */
    static LogSettings ofThisProcess() {
        return read(System.getProperties(), System.getenv(), classpathFile());
    }

    static LogSettings read(Properties system, Map<String, String> env, Properties file) {
        return new LogSettings(
                level(setting(system, env, file, "loaders.log.level", "LOG_LEVEL"), DEFAULT.ours()),
                level(setting(system, env, file, "loaders.log.level.libraries", "LOG_LEVEL_LIBRARIES"),
                        DEFAULT.libraries()),
                output(setting(system, env, file, "loaders.log.output", "LOG_OUTPUT")));
    }

    private record Setting(String name, String value) {
    }

    private static Setting setting(Properties system, Map<String, String> env, Properties file, String property,
                                   String variable) {
        if (system.getProperty(property) != null) {
            return new Setting(property, system.getProperty(property));
        }
        if (env.get(variable) != null) {
            return new Setting(variable, env.get(variable));
        }
        return new Setting(property, file.getProperty(property));
    }

    private static Level level(Setting setting, Level fallback) {
        if (setting.value() == null || setting.value().isBlank()) {
            return fallback;
        }
        try {
            return Level.valueOf(setting.value().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting.name() + " is '" + setting.value()
                    + "': expected trace, debug, info, warn or error", e);
        }
    }

    private static Output output(Setting setting) {
        if (setting.value() == null || setting.value().isBlank()) {
            return DEFAULT.output();
        }
        return switch (setting.value().trim().toLowerCase(Locale.ROOT)) {
            case "stdout" -> Output.STDOUT;
            case "stderr" -> Output.STDERR;
            default -> throw new IllegalArgumentException(setting.name() + " is '" + setting.value()
                    + "': expected stdout or stderr");
        };
    }

    private static Properties classpathFile() {
        Properties file = new Properties();
        try (InputStream in = LogSettings.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        return file;
    }
}
