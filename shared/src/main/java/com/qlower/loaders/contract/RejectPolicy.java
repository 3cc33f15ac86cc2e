package com.qlower.loaders.contract;

import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Invalid records are rejected one by one and the rest of the file goes on, unless the rejected records are more
 * than the partner's {@link RejectTolerance} allows: then the whole file fails and nothing of it is integrated.
 */
public final class RejectPolicy {

    private RejectPolicy() {
    }

    /**
     * A file's counts and errors once its records are judged.
     *
     * @param rejectedAsAWhole the rejected records are beyond the tolerance: every record counts as rejected, and
     *     the reason comes first among the errors
     */
    public record Judgement(Counts counts, ErrorList errors, boolean rejectedAsAWhole) {
    }

    /**
     * Judges a file whose records are counted and whose errors are listed: the transformer judges a file this way
     * after its business rules, and {@code ./loaders validate} the same way, so they agree.
     */
    public static Judgement judge(Counts counts, ErrorList errors, RejectTolerance tolerance) {
        return check(counts.received(), counts.rejected(), tolerance)
                .map(reason -> new Judgement(counts.withRejected(counts.received()),
                        ErrorList.of(List.of(reason)).plus(errors), true))
                .orElseGet(() -> new Judgement(counts, errors, false));
    }

    /** The file-level error when {@code rejected} of {@code received} is beyond {@code tolerance}. */
    public static Optional<FileError> check(long received, long rejected, RejectTolerance tolerance) {
        if (!tolerance.isExceededBy(received, rejected)) {
            return Optional.empty();
        }
        String share = String.format(Locale.ROOT, "%s", tolerance.percent());
        // the floor is named only where it could have spared the file: not when every record is rejected
        Message message = tolerance.records() > 0 && rejected < received
                ? PartnerMessage.TOO_MANY_REJECTED_RECORDS_ABOVE_FLOOR.with("rejected", rejected, "received", received,
                        "share", share, "floor", tolerance.records())
                : PartnerMessage.TOO_MANY_REJECTED_RECORDS.with("rejected", rejected, "received", received,
                        "share", share);
        return Optional.of(FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS, message, null));
    }
}
