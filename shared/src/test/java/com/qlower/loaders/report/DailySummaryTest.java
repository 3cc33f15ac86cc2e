package com.qlower.loaders.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.pages.DailySummaryPage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.FileOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A partner's day: its files grouped, their counts added, the day cut in Paris. */
class DailySummaryTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @Test
    void aDay_beginsAtMidnightInParis_andLasts23Or25HoursAcrossAClockChange() {
        assertThat(DailySummary.startOf(DAY)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(DailySummary.startOf(LocalDate.parse("2026-07-01"))).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        LocalDate springForward = LocalDate.parse("2026-03-29");
        LocalDate fallBack = LocalDate.parse("2026-10-25");
        assertThat(Duration.between(DailySummary.startOf(springForward), DailySummary.startOf(springForward.plusDays(1))))
                .hasHours(23);
        assertThat(Duration.between(DailySummary.startOf(fallBack), DailySummary.startOf(fallBack.plusDays(1))))
                .hasHours(25);
    }

    @Test
    void runsOfADay_areGroupedByPartner_withTheirOutcomesAndCountsAdded() {
        RecordedRun caracteristiques = run("gestimmo", "caracteristiques_20261123.json", FileOutcome.SUCCEEDED,
                new Counts(5, 5, 0, 5, 0, 0, 0, 0), 0, null, "03:10");
        RecordedRun transactions = run("gestimmo", "transactions_20261123.json", FileOutcome.SUCCEEDED,
                new Counts(25, 24, 1, 20, 4, 0, 0, 0), 1, ErrorCode.MONEY_TOO_MANY_DECIMALS, "03:11");
        RecordedRun rejected = run("gestimmo", "documents_20261123.json", FileOutcome.FAILED,
                new Counts(2, 0, 2, 0, 0, 0, 0, 0), 3, ErrorCode.JSON_TRUNCATED, "03:12");
        RecordedRun inFlight = run("immo-sud", "transactions_20261123.json", FileOutcome.IN_PROGRESS,
                new Counts(10, 10, 0, 10, 0, 0, 0, 0), 0, null, "04:00");
        RecordedRun noPartner = run(null, "releve.json", FileOutcome.FAILED, new Counts(0, 0, 0, 0, 0, 0, 0, 0),
                1, ErrorCode.KEY_INVALID, "05:00");

        List<DailySummary> summaries = DailySummary.of(DAY,
                List.of(caracteristiques, transactions, rejected, inFlight, noPartner),
                List.of("gestimmo", "immo-sud", "silencieux"));

        assertThat(summaries).extracting(DailySummary::partnerId)
                .containsExactly("_unknown", "gestimmo", "immo-sud", "silencieux");
        DailySummary gestimmo = summaries.get(1);
        assertThat(gestimmo.date()).isEqualTo(DAY);
        assertThat(gestimmo.filesReceived()).isEqualTo(3);
        assertThat(gestimmo.succeeded()).isEqualTo(2);
        assertThat(gestimmo.failed()).isEqualTo(1);
        assertThat(gestimmo.inProgress()).isZero();
        assertThat(gestimmo.counts()).isEqualTo(new Counts(32, 29, 3, 25, 4, 0, 0, 0));
        assertThat(gestimmo.errorCount()).isEqualTo(4);
        assertThat(gestimmo.files()).containsExactly(caracteristiques, transactions, rejected);
        assertThat(summaries.get(2).inProgress()).isEqualTo(1);
        assertThat(summaries.get(0).files()).containsExactly(noPartner);
        assertThat(summaries.get(3)).as("a registered partner that sent nothing")
                .isEqualTo(new DailySummary(DAY, "silencieux", 0, 0, 0, 0, new Counts(0, 0, 0, 0, 0, 0, 0, 0), 0,
                        List.of()));
    }

    @Test
    void page_listsEachFileWithItsOutcomeAndFirstError_inThePartnersLanguage() {
        DailySummary summary = DailySummary.of(DAY, List.of(
                run("gestimmo", "transactions_20261123.json", FileOutcome.SUCCEEDED,
                        new Counts(25, 24, 1, 20, 4, 0, 0, 0), 1, ErrorCode.MONEY_TOO_MANY_DECIMALS, "03:11"),
                run("gestimmo", "<b>nom&co.json", FileOutcome.FAILED, new Counts(0, 0, 0, 0, 0, 0, 0, 0), 1,
                        ErrorCode.KEY_INVALID, "03:12")), List.of()).get(0);

        String french = DailySummaryPage.render(summary, Partner.Language.FR);
        String english = DailySummaryPage.render(summary, Partner.Language.EN);

        assertThat(french).contains("<title>Fichiers reçus le 23/11/2026 — gestimmo</title>")
                .contains("<p class=\"outcome FAILED\">2 fichier(s) reçu(s) : 1 intégré(s), 1 en échec, 0 en cours ; "
                        + "2 erreur(s).</p>")
                .contains("<td>23/11/2026 03:11:00 (heure de Paris)</td><td><code>transactions_20261123.json</code>"
                        + "</td><td><code>SUCCEEDED</code></td><td>25</td><td>24</td><td>1</td><td>1</td>"
                        + "<td><code>MONEY_TOO_MANY_DECIMALS</code></td>")
                .contains("<code>&lt;b&gt;nom&amp;co.json</code>").doesNotContain("<b>");
        assertThat(english).contains("<title>Files received on 2026-11-23 — gestimmo</title>")
                .contains("2 file(s) received: 1 integrated, 1 failed, 0 in progress; 2 error(s).")
                .contains("<td><code>KEY_INVALID</code></td>");
        assertThat(DailySummaryPage.render(DailySummary.of(DAY, List.of(), List.of("gestimmo")).get(0),
                Partner.Language.EN)).contains("<p>No file received that day.</p>");
    }

    /** A run received at a Paris time of {@link #DAY}. */
    private static RecordedRun run(String partnerId, String fileName, FileOutcome outcome, Counts counts,
                                   long errors, ErrorCode firstError, String parisTime) {
        Instant at = DAY.atTime(java.time.LocalTime.parse(parisTime)).atZone(DailySummary.ZONE).toInstant();
        String folder = partnerId == null ? "Not_A_Partner" : partnerId;
        return new RecordedRun(fileName + "-run", partnerId, null, "inbox/" + folder + "/" + fileName, at, outcome,
                counts, errors, firstError, outcome == FileOutcome.IN_PROGRESS ? null
                : (outcome == FileOutcome.SUCCEEDED ? "success/" : "failure/") + folder + "/" + fileName);
    }
}
