package com.qlower.loaders.contract;

import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import java.util.Locale;
import java.util.Optional;

/**
 * Invalid records are rejected one by one and the rest of the file goes on, unless the rejected records are more
 * than the partner's {@link RejectTolerance} allows: then the whole file fails and nothing of it is integrated.
 */
public final class RejectPolicy {

    private RejectPolicy() {
    }

    /** The file-level error when {@code rejected} of {@code received} is beyond {@code tolerance}. */
    public static Optional<FileError> check(long received, long rejected, RejectTolerance tolerance) {
        if (!tolerance.isExceededBy(received, rejected)) {
            return Optional.empty();
        }
        String share = String.format(Locale.ROOT, "%s", tolerance.percent());
        String floorFr = tolerance.records() > 0 && rejected < received
                ? " et au-delà de " + tolerance.records() + " enregistrement(s)" : "";
        String floorEn = tolerance.records() > 0 && rejected < received
                ? " and above " + tolerance.records() + " record(s)" : "";
        return Optional.of(FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS, Message.of(
                rejected + " enregistrements sur " + received + " sont rejetés, au-delà de la tolérance de "
                        + share + " %" + floorFr + " : rien de ce fichier n'est intégré",
                rejected + " of " + received + " records are rejected, above the tolerance of " + share
                        + " %" + floorEn + ": nothing from this file is integrated"), null));
    }
}
