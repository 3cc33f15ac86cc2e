package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Everything the contract says about one file, checked in one streaming pass: its name, size, bytes, JSON,
 * envelope, every record (schema, money, check digits, duplicates within the file) and its record count, then the
 * reject policy. The validator Lambda and the partners' offline pre-flight ({@code ./loaders validate}) both run
 * this, so they agree on every verdict.
 */
public final class PartnerFileCheck {

    /** Receives each record that passed, in file order. */
    @FunctionalInterface
    public interface AcceptedRecords {
        void accept(long index, JsonNode record);
    }

    /**
     * The verdict on one file.
     *
     * @param name null when the key breaks the naming convention
     * @param envelope null when the file was rejected before its envelope could be read whole
     * @param sha256 null when the file was not read to its end
     */
    /**
     * @param retracted indexes of records handed to the sink that later proved to repeat an earlier record's id:
     *     the caller drops them
     */
    public record Result(PartnerFileName name, Envelope envelope, String sha256, long received, long rejected,
                         List<FileError> fileErrors, ErrorList recordErrors, Set<Long> retracted) {

        /** True when the file goes on: no error of the file as a whole, rejected records within tolerance. */
        public boolean accepted() {
            return fileErrors.isEmpty();
        }

        /** A file refused before it is read (its partner is not registered for it): nothing of it was read. */
        public static Result refused(PartnerFileName name, FileError error) {
            return new Result(name, null, null, 0, 0, List.of(error), ErrorList.empty(), Set.of());
        }

        /** A file rejected as a whole integrates nothing: all its records count as rejected. */
        public Counts counts() {
            return Counts.ofValidation(received, accepted() ? rejected : received);
        }

        /** The errors that reject the file first: they are what the partner must fix first. */
        public ErrorList errors() {
            return ErrorList.of(fileErrors).plus(recordErrors);
        }
    }

    private final RecordValidator validator;
    private final PartnerFileReader reader;
    private final long maxFileBytes;
    private final RejectTolerance rejectTolerance;

    /**
     * @param rejectTolerance the tolerance of a file whose partner has none of its own (a key naming no registered
     *     partner, the offline pre-flight)
     */
    public PartnerFileCheck(RecordValidator validator, long maxFileBytes, RejectTolerance rejectTolerance) {
        this.validator = validator;
        this.reader = new PartnerFileReader(validator);
        this.maxFileBytes = maxFileBytes;
        this.rejectTolerance = rejectTolerance;
    }

    /** A check whose default tolerance is this share, with the default floor. */
    public PartnerFileCheck(RecordValidator validator, long maxFileBytes, double rejectTolerancePercent) {
        this(validator, maxFileBytes, new RejectTolerance(rejectTolerancePercent, RejectTolerance.DEFAULT.records()));
    }

    public RejectTolerance rejectTolerance() {
        return rejectTolerance;
    }

    /**
     * Checks one file.
     *
     * @param key the decoded object key the file has (or would have) in the inbox
     * @param sizeBytes its size as announced (S3's event): a file above the limit is not even opened
     * @param open opens the content; called at most once
     */
    public Result check(String key, long sizeBytes, Supplier<InputStream> open, AcceptedRecords accepted) {
        return check(key, sizeBytes, open, accepted, rejectTolerance);
    }

    /** Checks one file against the given partner's reject tolerance. */
    public Result check(String key, long sizeBytes, Supplier<InputStream> open, AcceptedRecords accepted,
                        RejectTolerance tolerance) {
        return check(key, sizeBytes, open, accepted, tolerance, null);
    }

    /**
     * Checks one file against the given partner's reject tolerance, each record read through the partner's mapping
     * profile first ({@code null}: the partner writes the contract as it is).
     */
    public Result check(String key, long sizeBytes, Supplier<InputStream> open, AcceptedRecords accepted,
                        RejectTolerance tolerance, MappingProfile profile) {
        ProfileReading reading = profile == null ? null : new ProfileReading(profile);
        var tally = new Object() {
            long received;
            long rejected;
        };
        List<FileError> fileErrors = new ArrayList<>();
        ErrorList.Collector recordErrors = new ErrorList.Collector();
        PartnerFileName name = null;
        Envelope envelope = null;
        String sha256 = null;
        Set<Long> retracted = Set.of();
        try (DuplicateFinder duplicates = new DuplicateFinder()) {
            name = PartnerFileName.parse(key);
            if (sizeBytes > maxFileBytes) {
                throw new ContractViolation(FileError.ofFile(ErrorCode.FILE_TOO_LARGE,
                        PartnerMessage.FILE_TOO_LARGE.with("size", sizeBytes, "limit", maxFileBytes),
                        Long.toString(sizeBytes)));
            }
            PartnerFileName parsedName = name;
            try (HashingInputStream in = new HashingInputStream(open.get())) {
                envelope = reader.read(in, parsedName, (index, partnerRecord) -> {
                    tally.received++;
                    RecordValidator.ReadRecord read = validator.read(parsedName.loader(), index, partnerRecord, reading);
                    JsonNode record = read.record();
                    List<FileError> errors = read.errors();
                    if (errors.isEmpty()) {
                        JsonNode externalId = record.get("external_id");
                        if (externalId != null) { // erasure requests have none
                            duplicates.add(RecordValidator.recordTypeOf(parsedName.loader(), record),
                                    externalId.asText(), index);
                        }
                        accepted.accept(index, record);
                    } else {
                        tally.rejected++;
                        recordErrors.addAll(errors);
                    }
                });
                in.drain();
                sha256 = in.sha256Hex();
            }
            // the second record of a file with the same type and external id is rejected: it names the first
            SortedMap<Long, Long> repeats = duplicates.duplicates();
            repeats.forEach((index, first) -> recordErrors.add(duplicate(index, first)));
            tally.rejected += repeats.size();
            retracted = repeats.keySet();
        } catch (ContractViolation violation) {
            fileErrors.addAll(violation.errors());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
        if (fileErrors.isEmpty()) {
            RejectPolicy.check(tally.received, tally.rejected, tolerance).ifPresent(fileErrors::add);
        }
        return new Result(name, envelope, sha256, tally.received, tally.rejected, List.copyOf(fileErrors),
                recordErrors.toList(), retracted);
    }

    private static FileError duplicate(long index, long first) {
        return FileError.ofRecord(ErrorCode.DUPLICATE_EXTERNAL_ID,
                PartnerMessage.DUPLICATE_EXTERNAL_ID.with("first", first), index, "/external_id", null);
    }
}
