package com.qlower.loaders.adapters.email;

import com.qlower.loaders.notify.Email;
import com.qlower.loaders.ports.EmailSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@link EmailSender} of the local runner: each email becomes an RFC 5322 {@code .eml} file in a folder, which any
 * mail client opens. The message is {@code multipart/alternative} (text, then HTML), both parts UTF-8 in base64, the
 * subject RFC 2047 encoded words, every line within 78 characters. The message id is the file name.
 */
public final class EmlFileEmailSender implements EmailSender {

    private static final String CRLF = "\r\n";
    /** Bytes of subject per encoded word: 52 base64 characters, a 64-character word, a line under 78. */
    private static final int SUBJECT_BYTES_PER_WORD = 39;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private final Path folder;
    private final String fromAddress;
    private final Clock clock;

    public EmlFileEmailSender(Path folder, String fromAddress) {
        this(folder, fromAddress, Clock.systemUTC());
    }

    public EmlFileEmailSender(Path folder, String fromAddress, Clock clock) {
        this.folder = folder;
        this.fromAddress = requireHeaderSafe(fromAddress);
        this.clock = clock;
    }

    @Override
    public String send(Email email) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        String id = UUID.randomUUID().toString();
        String fileName = FILE_TIME.format(now) + "-" + id.substring(0, 8) + ".eml";
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(fileName), message(email, now, id).getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the email " + fileName + " in " + folder, e);
        }
        return fileName;
    }

    private String message(Email email, ZonedDateTime now, String id) {
        email.to().forEach(EmlFileEmailSender::requireHeaderSafe);
        String boundary = "=_qlower_" + id.replace("-", "");
        return "From: " + fromAddress + CRLF
                + "To: " + String.join("," + CRLF + " ", email.to()) + CRLF
                + "Subject: " + encodedWords(email.subject()) + CRLF
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now) + CRLF
                + "Message-ID: <" + id + "@loaders.local>" + CRLF
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: multipart/alternative;" + CRLF + " boundary=\"" + boundary + "\"" + CRLF
                + CRLF
                + part(boundary, "text/plain", email.text())
                + part(boundary, "text/html", email.html())
                + "--" + boundary + "--" + CRLF;
    }

    private static String part(String boundary, String type, String body) {
        return "--" + boundary + CRLF
                + "Content-Type: " + type + "; charset=UTF-8" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + CRLF
                + Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + CRLF;
    }

    /**
     * The subject as RFC 2047 {@code B} encoded words, folded one per line. Cut between characters, never inside
     * one: a word must decode on its own.
     */
    static String encodedWords(String subject) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < subject.length(); ) {
            int codePoint = subject.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int bytes = character.getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + bytes > SUBJECT_BYTES_PER_WORD) {
                words.add(encodedWord(chunk.toString()));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(character);
            chunkBytes += bytes;
            i += Character.charCount(codePoint);
        }
        if (!chunk.isEmpty()) {
            words.add(encodedWord(chunk.toString()));
        }
        return String.join(CRLF + " ", words);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /**
     * An address goes into a header as is: printable ASCII only (a line break in it would start headers of its own,
     * and a name with accents would need encoding).
     */
    private static String requireHeaderSafe(String address) {
        if (address == null || address.isBlank() || address.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("not an address to put in a mail header as is: " + address);
        }
        return address;
    }
}
