package com.qlower.loaders.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The local runner's class order (src/test/resources/junit-platform.properties): the {@link Slow} classes, slowest
 * first, start before the quick ones, so that the module's tests end with every thread busy rather than one class
 * running alone.
 *
 * <p>JUnit's fork-join pool does not run a list of concurrent classes from its start: the thread that forks them
 * joins them from the last one, while the pool's other threads steal them from the first
 * ({@code ForkJoinPoolHierarchicalTestExecutorService.joinConcurrentTasksInReverseOrderToEnableWorkStealing}). So
 * the slow classes are dealt to both ends, as many to the start as there are stealing threads for each one to the
 * end, and the quick ones stay in the middle, taken last by every thread.
 */
public final class SlowClassesFirst implements ClassOrderer {

    static final String PARALLELISM = "junit.jupiter.execution.parallel.config.fixed.parallelism";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        int threads = context.getConfigurationParameter(PARALLELISM).map(Integer::parseInt).orElse(1);
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        Map<Class<?>, Integer> position = positions(classes.stream().map(ClassDescriptor::getTestClass).toList(),
                threads);
        classes.sort(Comparator.comparingInt(descriptor -> position.get(descriptor.getTestClass())));
    }

    /** Each class's place: the slow ones dealt to both ends, {@code threads - 1} to the start for one to the end. */
    static Map<Class<?>, Integer> positions(List<Class<?>> classes, int threads) {
        List<Class<?>> slowest = classes.stream().filter(c -> c.isAnnotationPresent(Slow.class))
                .sorted(Comparator.comparingInt((Class<?> c) -> c.getAnnotation(Slow.class).seconds()).reversed())
                .toList();
        List<Class<?>> start = new ArrayList<>();
        List<Class<?>> end = new ArrayList<>();
        for (int i = 0; i < slowest.size(); i++) {
            // of each round of as many classes as threads, one for the forking thread, the others for the stealing ones
            boolean forTheForkingThread = threads > 1 && i % threads == 1;
            (forTheForkingThread ? end : start).add(slowest.get(i));
        }
        List<Class<?>> ordered = new ArrayList<>(start);
        classes.stream().filter(c -> !c.isAnnotationPresent(Slow.class)).forEach(ordered::add);
        ordered.addAll(end.reversed());
        Map<Class<?>, Integer> position = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i), i);
        }
        return position;
    }
}
