package com.qlower.loaders.wording;

import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.Wording;

/**
 * The words of the partners' offline check ({@code ./loaders validate}, {@code loaders-validate.jar}) around the
 * errors' own messages: a file's summary line and what introduces its errors and warnings. {@code VALID} and
 * {@code INVALID} open the line in both languages, like the error codes: a partner's script may look for them.
 */
public enum PreflightWording implements Wording {
    FILE_COUNTS("reçus ${received}, acceptés ${accepted}, rejetés ${rejected}",
            "received ${received}, accepted ${accepted}, rejected ${rejected}"),
    FILE_WARNINGS("${warnings} ${warnings|avertissement|avertissements}", "${warnings} ${warnings|warning|warnings}"),
    WARNING("avertissement", "warning"),
    AT_LINE("ligne ${line}, colonne ${column}", "line ${line}, column ${column}"),
    MORE_ERRORS("… et ${more} de plus : --json les donne toutes", "... ${more} more: use --json for all"),
    READING_WITH_PROFILE("lu avec le profil ${profile} (${file})", "reading with the profile ${profile} (${file})");

    private final Message template;

    PreflightWording(String french, String english) {
        this.template = new Message(french, english);
    }

    @Override
    public Message template() {
        return template;
    }
}
