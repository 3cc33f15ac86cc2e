package com.qlower.loaders.notifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the partner reads a run's full report: a pre-signed URL, valid until {@code expiresAt}.
 *
 * @param url an http(s) URL; nothing else may end up in an email's link
 */
public record ReportLink(String url, Instant expiresAt) {

    public ReportLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("a report link must be an http(s) URL");
        }
    }
}
