package com.qlower.loaders.adapters;

import com.qlower.loaders.errors.ColdStartFailure;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** A function's wiring, once per cold start: whatever fails there is reported as a {@link ColdStartFailure}. */
public final class ColdStart {

    private ColdStart() {
    }

    /**
     * A function's configuration read from the process's environment into its record, then its wiring from that
     * record: a missing variable fails the cold start with its name.
     */
    public static <C, T> T wire(String function, Function<Map<String, String>, C> configuration,
                                Function<C, T> wiring) {
        return wire(function, () -> wiring.apply(configuration.apply(System.getenv())));
    }

    public static <T> T wire(String function, Supplier<T> wiring) {
        try {
            return wiring.get();
        } catch (RuntimeException e) {
            throw new ColdStartFailure("the " + function + " function could not start: " + e, e);
        }
    }
}
