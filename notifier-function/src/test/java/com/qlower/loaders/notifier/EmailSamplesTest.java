package com.qlower.loaders.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.notify.Email;
import com.qlower.loaders.partners.Partner.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the sample emails of docs/emails (an integrated file in French, a rejected one in English), HTML body and
 * plain text, into the
 * folder named by the system property {@code emails.samples.dir}, {@code target/emails} by default; see
 * docs/emails/README.md for turning them into the screenshots.
 */
class EmailSamplesTest {

    @Test
    void writesTheSampleEmails() throws Exception {
        Path folder = Path.of(System.getProperty("emails.samples.dir", "target/emails"));
        Files.createDirectories(folder);
        EmailRenderer renderer = new EmailRenderer();

        Email success = renderer.render(RunReportFixture.integrated(), RunReportFixture.partner(Language.FR),
                RunReportFixture.LINK);
        Email failure = renderer.render(RunReportFixture.rejected(), RunReportFixture.partner(Language.EN),
                RunReportFixture.LINK);
        write(folder, "success-fr", success);
        write(folder, "failure-en", failure);

        assertThat(folder.resolve("success-fr.html")).content(StandardCharsets.UTF_8).contains("Fichier intégré");
        assertThat(folder.resolve("failure-en.txt")).content(StandardCharsets.UTF_8).contains("FILE REJECTED");
    }

    /** The HTML body, and the plain-text alternative beside it with the subject on top. */
    private static void write(Path folder, String name, Email email) throws Exception {
        Files.writeString(folder.resolve(name + ".html"), email.html(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(name + ".txt"), "Subject: " + email.subject() + "\n\n" + email.text(),
                StandardCharsets.UTF_8);
    }
}
