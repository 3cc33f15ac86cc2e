package com.qlower.loaders.errors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * Errors (or warnings) of a file: the total, and the first {@link #MAX_LISTED} of them, so that a file with
 * a million bad records still gives a report of bounded size.
 */
public record ErrorList(long total, List<FileError> first) {

    public static final int MAX_LISTED = 1000;

    public ErrorList {
        first = List.copyOf(first);
    }

    public static ErrorList empty() {
        return new ErrorList(0, List.of());
    }

    public static ErrorList of(List<FileError> errors) {
        return empty().plus(errors);
    }

    public ErrorList plus(List<FileError> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<FileError> listed = new ArrayList<>(first);
        for (FileError e : more) {
            if (listed.size() >= MAX_LISTED) {
                break;
            }
            listed.add(e);
        }
        return new ErrorList(total + more.size(), listed);
    }

    /** These errors, then the other list's, counting all of them. */
    public ErrorList plus(ErrorList other) {
        ErrorList listed = plus(other.first);
        return new ErrorList(total + other.total, listed.first);
    }

    /** The same list with no quoted values: what remains of a report once an owner named in it is erased. */
    public ErrorList withoutValues() {
        return new ErrorList(total, first.stream().map(e -> new FileError(e.code(), e.message(), e.recordIndex(),
                e.pointer(), e.line(), e.column(), null)).toList());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return total == 0;
    }

    /** Accumulates errors one at a time without holding more than {@link #MAX_LISTED}. */
    public static final class Collector {
        private long total;
        private final List<FileError> first = new ArrayList<>();

        public void add(FileError error) {
            total++;
            if (first.size() < MAX_LISTED) {
                first.add(error);
            }
        }

        public void addAll(List<FileError> errors) {
            errors.forEach(this::add);
        }

        public long total() {
            return total;
        }

        public ErrorList toList() {
            return new ErrorList(total, first);
        }
    }
}
