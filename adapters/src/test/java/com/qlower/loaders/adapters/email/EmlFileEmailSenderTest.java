package com.qlower.loaders.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.notify.Email;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .eml} files of the local runner, read back with nothing but the JDK. */
class EmlFileEmailSenderTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T01:04:09Z"), ZoneOffset.UTC);
    private static final String SUBJECT =
            "[Qlower] transactions_20261123.json : intégré en partie (1 enregistrement rejeté sur 13) — été 🏠";
    private static final String TEXT = "FICHIER INTÉGRÉ\nMontant : 1\u202f234 €\n";
    private static final String HTML = "<p>Fichier intégré : 1\u202f234 € — <b>été</b> 🏠</p>";

    @TempDir
    Path folder;

    @Test
    void send_writesAMultipartAlternativeMessage_whoseSubjectAndPartsDecodeToTheEmail() throws Exception {
        String fileName = new EmlFileEmailSender(folder, "notifications@qlower.example", NOW)
                .send(new Email(List.of("ops@gestimmo.example", "it@gestimmo.example"), SUBJECT, HTML, TEXT));

        Message message = Message.parse(Files.readAllBytes(folder.resolve(fileName)));
        assertThat(message.headers).containsEntry("From", "notifications@qlower.example")
                .containsEntry("To", "ops@gestimmo.example, it@gestimmo.example")
                .containsEntry("Date", "Wed, 25 Nov 2026 01:04:09 GMT")
                .containsEntry("MIME-Version", "1.0")
                .containsKey("Message-ID");
        assertThat(decodeEncodedWords(message.headers.get("Subject"))).isEqualTo(SUBJECT);
        assertThat(message.headers.get("Content-Type")).startsWith("multipart/alternative; boundary=");

        List<Message> parts = message.parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).headers).containsEntry("Content-Type", "text/plain; charset=UTF-8");
        assertThat(parts.get(0).decodedBody()).isEqualTo(TEXT);
        assertThat(parts.get(1).headers).containsEntry("Content-Type", "text/html; charset=UTF-8");
        assertThat(parts.get(1).decodedBody()).isEqualTo(HTML);
    }

    @Test
    void send_keepsEveryLineShortAndAscii_asRfc5322Asks() throws Exception {
        String fileName = new EmlFileEmailSender(folder, "notifications@qlower.example", NOW)
                .send(new Email(List.of("ops@gestimmo.example"), SUBJECT.repeat(3), HTML.repeat(40), TEXT));

        byte[] bytes = Files.readAllBytes(folder.resolve(fileName));
        for (byte b : bytes) {
            assertThat(b).as("every byte is ASCII").isNotNegative();
        }
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\r\n");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(new String(bytes, StandardCharsets.US_ASCII).replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void send_namesEachEmailItsOwnFile_andReturnsThatName() throws Exception {
        EmlFileEmailSender sender = new EmlFileEmailSender(folder, "notifications@qlower.example", NOW);
        Email email = new Email(List.of("ops@gestimmo.example"), "s", "<p>h</p>", "t");

        String first = sender.send(email);
        String second = sender.send(email);

        assertThat(first).isNotEqualTo(second).startsWith("20261125T010409Z-").endsWith(".eml");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void send_refusesAnAddressThatWouldAddHeaders() {
        EmlFileEmailSender sender = new EmlFileEmailSender(folder, "notifications@qlower.example", NOW);

        assertThatThrownBy(() -> sender.send(new Email(List.of("ops@gestimmo.example\r\nBcc: all@evil.example"),
                "s", "h", "t"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Each RFC 2047 word decodes on its own (no character cut in two); the words are joined. */
    private static String decodeEncodedWords(String header) throws CharacterCodingException {
        Matcher word = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=").matcher(header);
        StringBuilder decoded = new StringBuilder();
        int end = 0;
        while (word.find()) {
            assertThat(header.substring(end, word.start())).isBlank();
            decoded.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(word.group(1)))));
            end = word.end();
        }
        assertThat(end).isEqualTo(header.length());
        return decoded.toString();
    }

    /** A message or a MIME part: unfolded headers and a body. */
    private record Message(Map<String, String> headers, String body) {

        static Message parse(byte[] bytes) {
            return parse(new String(bytes, StandardCharsets.US_ASCII));
        }

        static Message parse(String raw) {
            int blank = raw.indexOf("\r\n\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : raw.substring(0, blank).replaceAll("\r\n[ \t]", " ").split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
            return new Message(headers, raw.substring(blank + 4));
        }

        List<Message> parts() {
            Matcher boundary = Pattern.compile("boundary=\"([^\"]+)\"").matcher(headers.get("Content-Type"));
            assertThat(boundary.find()).isTrue();
            String delimiter = "--" + boundary.group(1);
            assertThat(body).endsWith(delimiter + "--\r\n");
            List<Message> parts = new ArrayList<>();
            String[] chunks = body.substring(0, body.lastIndexOf(delimiter + "--"))
                    .split(Pattern.quote(delimiter + "\r\n"));
            for (int i = 1; i < chunks.length; i++) {
                parts.add(parse(chunks[i]));
            }
            return parts;
        }

        String decodedBody() {
            assertThat(headers).containsEntry("Content-Transfer-Encoding", "base64");
            return new String(Base64.getMimeDecoder().decode(body.strip()), StandardCharsets.UTF_8);
        }
    }
}
