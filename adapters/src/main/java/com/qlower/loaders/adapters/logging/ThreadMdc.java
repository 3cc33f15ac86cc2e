package com.qlower.loaders.adapters.logging;

import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC of each thread, not inherited by the threads it starts (SLF4J's {@code BasicMDCAdapter} is): a pool thread
 * that a library starts during one file's work would otherwise carry that file's run id into every later line.
 * Insertion order is kept, so the fields come out in the order {@link LogContext} puts them.
 */
final class ThreadMdc implements MDCAdapter {

    private final ThreadLocal<Map<String, String>> fields = ThreadLocal.withInitial(LinkedHashMap::new);
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    @Override
    public void put(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("an MDC key cannot be null");
        }
        fields.get().put(key, value);
    }

    @Override
    public String get(String key) {
        return fields.get().get(key);
    }

    @Override
    public void remove(String key) {
        fields.get().remove(key);
    }

    @Override
    public void clear() {
        fields.remove();
    }

    /** The fields as they are now, for a line; an empty map when there are none. */
    Map<String, String> current() {
        return fields.get();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new LinkedHashMap<>(fields.get());
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        fields.set(new LinkedHashMap<>(contextMap));
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
