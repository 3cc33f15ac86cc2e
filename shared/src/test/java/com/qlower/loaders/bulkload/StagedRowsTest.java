package com.qlower.loaders.bulkload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.TransactionCategory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The transformer's staged rows: what it writes reads back equal, and only a well-formed file of this version. */
class StagedRowsTest {

    /** Every character COPY's text format escapes, and text that looks like its markers. */
    static final List<String> HOSTILE = List.of("tab\there", "new\nline", "carriage\rreturn", "back\\slash",
            "\\N", "\\.", "ends with \\", "\b\f\u000b", "quote \" and ' and ,", "é à ç ÿ", "emoji 😀 and 中文",
            "\u007f and \u0001", "");

    static Owner owner(String id, String text) {
        return new Owner(id, "person", text, "Martin", null, "Martin " + text, null, "a@example.com", null,
                new Address(text, null, "75011", "PARIS", "FR"));
    }

    static Property property(String id, String ownerId, String text) {
        return new Property(id, ownerId, text, new Address("1 rue " + text, null, "69001", "LYON", "FR"),
                "apartment", "lmnp", LocalDate.of(2019, 3, 1), 21_000_000, 1_500_000L, null,
                new BigDecimal("12.50"), null, new BigDecimal("48.0"), null, 22_500_000, 19_687_500L);
    }

    static Transaction transaction(String id, String text) {
        return new Transaction(id, "PRP-1", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), -12_345, "EUR",
                text, "counterparty " + text, TransactionCategory.values()[0], Transaction.CategorySource.INFERRED,
                "6068", null, text.isEmpty() ? null : "partner " + text);
    }

    @Test
    void everyKindOfRecord_readsBackEqual_inTheFilesOrder() {
        byte[] content = new byte[200_000]; // a line longer than the reader's buffer
        new java.util.Random(7).nextBytes(content);
        List<StagedRecord> records = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            records.add(owner("OWN-" + i, HOSTILE.get(i)));
            records.add(property("PRP-" + i, "OWN-" + i, HOSTILE.get(i)));
        }
        HOSTILE.forEach(text -> records.add(transaction("TRX-" + text.hashCode(), text)));
        records.add(new Retirement(Retirement.Kind.TRANSACTION, "TRX-old"));
        records.add(new Document("DOC-1", "PRP-1", null, "invoice", "facture\t2026.pdf", "application/pdf",
                content.length, "ab".repeat(32), Base64.getEncoder().encodeToString(content), null));
        records.add(new ErasureRequest("OWN-9", "REF-1", OffsetDateTime.parse("2026-11-23T10:00:00+01:00")));
        records.add(owner("OWN-last", "back to rows"));

        List<StagedRecord> read;
        try (StagedRows.Reader reader = StagedRows.of(records.stream()); Stream<StagedRecord> all = reader.records()) {
            read = all.toList();
        }

        assertThat(read).containsExactlyElementsOf(records);
    }

    @Test
    void rows_areCopiedAsTheyAre_withoutTheirSectionsEnd_andCounted() {
        List<StagedRecord> records = HOSTILE.stream().<StagedRecord>map(t -> transaction("T" + t.hashCode(), t))
                .toList();
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        long rows;
        try (StagedRows.Reader reader = StagedRows.of(records.stream())) {
            assertThat(reader.next()).isEqualTo(new StagedRows.Rows(StagedTable.TRANSACTIONS));
            rows = reader.copyRows(copied);
            assertThat(reader.next()).isNull();
        }

        assertThat(rows).isEqualTo(HOSTILE.size());
        String[] lines = copied.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(HOSTILE.size() + 1).endsWith("");
        for (int i = 0; i < HOSTILE.size(); i++) {
            assertThat(StagedTable.TRANSACTIONS.read(CopyText.fields(lines[i]))).isEqualTo(records.get(i));
        }
    }

    @Test
    void copyText_escapesWhatCopyReadsAsMarkup_andNothingElse() {
        CopyText.Row row = new CopyText.Row().field("a\tb\nc\rd\\e").field(null).field("\\N").field("é😀").end();

        assertThat(new String(row.bytes(), 0, row.length(), StandardCharsets.UTF_8))
                .isEqualTo("a\\tb\\nc\\rd\\\\e\t\\N\t\\\\N\té😀\n");
    }

    @Test
    void aNulCharacter_isRefused_forPostgreSqlCannotStoreIt() {
        assertThatThrownBy(() -> new CopyText.Row().field("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void aFileOfTheEarlierFormat_isRefused_askingForTheFileToBeTransformedAgain() throws IOException {
        byte[] jsonLines = gzip("{\"kind\":\"transaction\",\"externalId\":\"T1\"}\n");

        try (StagedRows.Reader reader = StagedRows.read(new ByteArrayInputStream(jsonLines), "old.jsonl.gz")) {
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("old.jsonl.gz").hasMessageContaining("transform the file again");
        }
    }

    @Test
    void aSectionOfOtherColumns_isRefused_forNoSqlComesFromAFile() throws IOException {
        byte[] other = gzip(StagedFormat.FORMAT_LINE + "\nCOPY transactions (external_id, label); drop table x\n\\.\n");

        try (StagedRows.Reader reader = StagedRows.read(new ByteArrayInputStream(other), "other.rows.gz")) {
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a section this version does not read");
        }
    }

    @Test
    void aTruncatedFile_isRefused() throws IOException {
        StagedRows.Writer writer = new StagedRows.Writer("test-");
        try {
            writer.write(transaction("T1", "one"));
            writer.write(transaction("T2", "two"));
            writer.close();
            String whole = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(writer.file()))
                    .readAllBytes(), StandardCharsets.UTF_8);
            byte[] truncated = gzip(whole.substring(0, whole.length() - 10));

            try (StagedRows.Reader reader = StagedRows.read(new ByteArrayInputStream(truncated), "cut.rows.gz")) {
                reader.next();
                assertThatThrownBy(() -> reader.copyRows(new ByteArrayOutputStream()))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
            }
        } finally {
            writer.discard();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
