package com.qlower.loaders.local;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.validator.IncomingFile;
import com.qlower.loaders.validator.ValidationService;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./loaders bench}: validates generated transactions files of growing size through the real validator, over
 * the S3 protocol, and prints time, throughput and the JVM's peak heap for each. Run under a small fixed heap
 * ({@code ./loaders bench} uses -Xmx192m): memory that grew with the file would show as a rising peak, then as an
 * OutOfMemoryError. A measurement to read, not a test: nothing here passes or fails on time. {@link LoadersCommand}
 * checks the arguments and calls {@link #run}.
 */
public final class ValidatorBenchmark {

    private static final String BUCKET = "bench";

    private ValidatorBenchmark() {
    }

    /** The files' sizes in records when {@code ./loaders bench} is given none. */
    static final long[] DEFAULT_SIZES = {10_000, 100_000, 1_000_000};

    static void run(PrintStream out, long[] recordCounts) throws Exception {
        Path work = Files.createTempDirectory("loaders-bench");
        try (LocalS3Server server = LocalS3Server.onFolder(Files.createDirectories(work.resolve("s3")));
             S3Client s3 = AwsClients.s3(server.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            ObjectStore store = new S3ObjectStore(s3);
            PipelineStarter noPipeline = (name, input) -> PipelineStarter.StartOutcome.STARTED;
            PartnerRegistry benchPartner = PartnerRegistry.fixed(List.of(new Partner("bench-partner",
                    "Benchmark", Partner.Language.EN, List.of(), null, null, false, EnumSet.allOf(Loader.class), 5.0)));
            ValidationService validator = new ValidationService(store, noPipeline,
                    new PartnerFileCheck(new RecordValidator(Clock.systemUTC()), Long.MAX_VALUE, 5.0), benchPartner,
                    DeliveryLog.NONE, Clock.systemUTC(), AuditTrail.NONE);
            out.printf(Locale.ROOT, "max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%10s %10s %9s %12s %14s%n", "records", "file MB", "seconds", "records/s",
                    "peak heap MB");
            for (long count : recordCounts) {
                Path file = work.resolve("transactions_" + count + ".json");
                generate(file, count);
                String key = "inbox/bench-partner/transactions_20261123.json";
                s3.putObject(b -> b.bucket(BUCKET).key(key), file);
                long size = Files.size(file);
                Files.delete(file);

                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                ValidationService.Verdict verdict = validator.validate(new IncomingFile(BUCKET, key, null, size,
                        Long.toHexString(System.nanoTime())));
                double seconds = (System.nanoTime() - start) / 1e9;
                long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                if (verdict.counts().accepted() != count) {
                    throw new IllegalStateException("the benchmark file should be valid: " + verdict);
                }
                out.printf(Locale.ROOT, "%10d %10.1f %9.2f %12.0f %14d%n", count, size / 1e6, seconds,
                        count / seconds, peakHeap >> 20);
            }
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A valid transactions file of {@code count} records, written as a stream. */
    static void generate(Path file, long count) throws IOException {
        try (JsonGenerator json = ContractJson.partnerFileMapper().getFactory()
                .createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("schema_version", "1.0");
            json.writeStringField("partner_id", "bench-partner");
            json.writeStringField("loader", "transactions");
            json.writeStringField("mode", "snapshot");
            json.writeStringField("snapshot_date", "2026-11-23");
            json.writeStringField("generated_at", "2026-11-23T02:00:00Z");
            json.writeNumberField("record_count", count);
            json.writeArrayFieldStart("records");
            LocalDate day = LocalDate.of(2026, 1, 1);
            for (long i = 0; i < count; i++) {
                LocalDate booked = day.plusDays(i % 300);
                json.writeStartObject();
                json.writeStringField("external_id", "TRX-" + i);
                json.writeStringField("property_external_id", "PRP-" + (i % 5_000));
                json.writeStringField("booked_on", booked.toString());
                json.writeStringField("value_date", booked.toString());
                json.writeNumberField("amount", BigDecimal.valueOf((i % 2 == 0 ? 1 : -1) * (1000 + i % 90_000), 2));
                json.writeStringField("currency", "EUR");
                json.writeStringField("label", i % 3 == 0 ? "LOYER NOVEMBRE APPT " + i % 5_000
                        : "PRLV SEPA ASSURANCE PNO " + i % 97);
                json.writeStringField("counterparty", "Locataire " + i % 5_000);
                if (i % 2 == 0) {
                    json.writeStringField("category", "rent");
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
