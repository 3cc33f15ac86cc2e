package com.qlower.loaders.adapters;

import com.qlower.loaders.errors.ColdStartFailure;
import java.util.function.Supplier;

/** A function's wiring, once per cold start: whatever fails there is reported as a {@link ColdStartFailure}. */
public final class ColdStart {

    private ColdStart() {
    }

    public static <T> T wire(String function, Supplier<T> wiring) {
        try {
            return wiring.get();
        } catch (RuntimeException e) {
            throw new ColdStartFailure("the " + function + " function could not start: " + e, e);
        }
    }
}
