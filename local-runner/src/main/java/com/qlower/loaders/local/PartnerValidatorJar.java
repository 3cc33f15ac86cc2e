package com.qlower.loaders.local;

import java.util.List;
import org.slf4j.helpers.NOP_FallbackServiceProvider;

/**
 * {@code java -jar loaders-validate.jar FILE|FOLDER...}: {@code ./loaders validate} for partners, without our
 * repository or a build. The same {@link PreflightCheck}, hence the same checks, output and exit status; only the
 * usage names the jar. {@code ./loaders build} writes the jar ({@code local-runner/target/loaders-validate.jar}),
 * which holds the contract, the validator's and the transformer's rules and their libraries, and nothing of the
 * pipeline's servers or AWS.
 */
public final class PartnerValidatorJar {

    static final String COMMAND = "java -jar loaders-validate.jar";

    private PartnerValidatorJar() {
    }

    public static void main(String[] args) {
        // the jar holds no logging backend: the check's logs are ours, its verdict is the output; say so to SLF4J,
        // which would otherwise warn on standard error that it found none
        System.setProperty("slf4j.provider", NOP_FallbackServiceProvider.class.getName());
        System.setProperty("slf4j.internal.verbosity", "WARN");
        List<String> arguments = List.of(args);
        String usage = PreflightCheck.usageUnder(COMMAND);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage);
            System.exit(LoadersCommand.OK);
        }
        System.exit(new PreflightCheck(System.out, System.err, usage).execute(arguments));
    }
}
