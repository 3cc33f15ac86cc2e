package com.qlower.loaders.notify;

import java.util.List;

/**
 * One email to a partner: a subject naming the file and its outcome (no personal data), an HTML body and its
 * plain-text alternative, in the partner's language.
 */
public record Email(List<String> to, String subject, String html, String text) {

    public Email {
        to = List.copyOf(to);
    }
}
