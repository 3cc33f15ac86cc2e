package com.qlower.loaders.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that takes many seconds of its own: {@link SlowClassesFirst} starts it before the quick ones, so that
 * it never starts last and runs alone at the end of the module's tests.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Slow {

    /** About how long the class takes on a quiet two-core machine, beside others: only the order it gives counts. */
    int seconds();
}
