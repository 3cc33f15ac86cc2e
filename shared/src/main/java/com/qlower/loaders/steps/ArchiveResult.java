package com.qlower.loaders.steps;

/** Output of the archiver: where the raw file and its report now are. */
public record ArchiveResult(String archivedKey, String reportKey) {
}
