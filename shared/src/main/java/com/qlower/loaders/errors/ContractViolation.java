package com.qlower.loaders.errors;

import java.util.List;

/**
 * The file as a whole breaks the partner contract (its name, bytes, JSON or envelope): it is rejected
 * without integrating any record. Carries every error found, so the report can list them all.
 */
public class ContractViolation extends RuntimeException {
    private final transient List<FileError> errors;

    public ContractViolation(List<FileError> errors) {
        super(errors.isEmpty() ? "contract violation" : errors.get(0).code() + ": " + errors.get(0).message().en());
        this.errors = List.copyOf(errors);
    }

    public ContractViolation(FileError error) {
        this(List.of(error));
    }

    public List<FileError> errors() {
        return errors;
    }
}
