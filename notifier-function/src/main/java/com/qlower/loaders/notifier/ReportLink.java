package com.qlower.loaders.notifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the partner reads a run's full report: a pre-signed URL, valid until {@code expiresAt}; or, from the local
 * runner, the report's file on this machine ({@code file:///…}), which still opens once the run is over.
 *
 * @param url an http(s) URL or a {@code file:///} path; nothing else (no script) may end up in an email's link
 */
public record ReportLink(String url, Instant expiresAt) {

    public ReportLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("file:///")) {
            throw new IllegalArgumentException("a report link must be an http(s) URL or a local file's");
        }
    }
}
