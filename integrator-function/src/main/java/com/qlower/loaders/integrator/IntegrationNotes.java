package com.qlower.loaders.integrator;

import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IntegrationStore;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the integration tells the partner in the report, in the words of the catalogue ({@link PartnerMessage}): why
 * the store refused a file, and the warnings of a file applied (retirement skipped, content already received, what
 * each erasure did).
 */
final class IntegrationNotes {

    private IntegrationNotes() {
    }

    static FileError retirementSkipped() {
        return FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_SKIPPED,
                PartnerMessage.SNAPSHOT_RETIREMENT_SKIPPED.message(), null);
    }

    static FileError contentAlreadyReceived(String sameContentAs) {
        return FileError.ofFile(ErrorCode.CONTENT_ALREADY_RECEIVED,
                PartnerMessage.CONTENT_ALREADY_RECEIVED.with("file", sameContentAs), sameContentAs);
    }

    /** What an erasure request did, for the partner: counts only, and the request's reference. */
    static FileError erasure(ErasureOutcome erasure) {
        return switch (erasure.status()) {
            case APPLIED -> FileError.ofFile(ErrorCode.ERASURE_APPLIED, PartnerMessage.ERASURE_APPLIED.with(
                    "request", erasure.reference(), "properties", erasure.properties(), "transactions",
                    erasure.transactions(), "documents", erasure.documents(), "files", erasure.files()),
                    erasure.reference());
            case ALREADY_DONE -> FileError.ofFile(ErrorCode.ERASURE_ALREADY_DONE, PartnerMessage.ERASURE_ALREADY_DONE
                    .with("request", erasure.reference(), "erasedOn", erasure.erasedOn()), erasure.reference());
            case OWNER_UNKNOWN -> FileError.ofFile(ErrorCode.ERASURE_OWNER_UNKNOWN,
                    PartnerMessage.ERASURE_OWNER_UNKNOWN.with("request", erasure.reference()), erasure.reference());
        };
    }

    static FileError retirementRefused(IntegrationStore.RetirementRefused refused) {
        String percent = Objects.toString(refused.guard().percent());
        long floor = refused.guard().records();
        Message message = refused.wouldRetire() >= refused.active()
                ? PartnerMessage.SNAPSHOT_WOULD_RETIRE_EVERYTHING.with("active", refused.active(),
                        "entity", refused.entity())
                : PartnerMessage.SNAPSHOT_WOULD_RETIRE_BEYOND_GUARD.with("retired", refused.wouldRetire(),
                        "active", refused.active(), "entity", refused.entity(), "percent", percent, "floor", floor);
        return FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED, message, Long.toString(refused.wouldRetire()));
    }

    static FileError erasedOwnerSent(IntegrationStore.ErasedOwnerSent erased) {
        return FileError.ofFile(ErrorCode.OWNER_ERASED_MEANWHILE,
                PartnerMessage.OWNER_ERASED_MEANWHILE.with("records", erased.records()),
                Long.toString(erased.records()));
    }

    /** @param snapshotDate the refused snapshot's own date, quoted in the report */
    static FileError staleSnapshot(IntegrationStore.StaleSnapshot stale, LocalDate snapshotDate) {
        String last = stale.lastDate() + (stale.lastCorrection() > 0 ? " (_" + stale.lastCorrection() + ")" : "");
        return FileError.ofFile(ErrorCode.SNAPSHOT_STALE, PartnerMessage.SNAPSHOT_STALE.with("applied", last),
                snapshotDate == null ? null : snapshotDate.toString());
    }
}
