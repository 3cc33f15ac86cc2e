package com.qlower.loaders.report;

import java.util.Locale;
import java.util.Optional;

/**
 * Invalid records are rejected one by one and the rest of the file goes on, unless the rejected share exceeds the
 * tolerance: then the whole file fails and nothing of it is integrated.
 */
public final class RejectPolicy {

    private RejectPolicy() {
    }

    /** The file-level error when {@code rejected} of {@code received} is above {@code tolerancePercent}. */
    public static Optional<FileError> check(long received, long rejected, double tolerancePercent) {
        if (received == 0 || rejected * 100.0 / received <= tolerancePercent) {
            return Optional.empty();
        }
        String tolerance = String.format(Locale.ROOT, "%s", tolerancePercent);
        return Optional.of(FileError.ofFile(ErrorCode.TOO_MANY_REJECTED_RECORDS, Message.of(
                rejected + " enregistrements sur " + received + " sont rejetés, au-delà de la tolérance de "
                        + tolerance + " % : rien de ce fichier n'est intégré",
                rejected + " of " + received + " records are rejected, above the tolerance of " + tolerance
                        + " %: nothing from this file is integrated"), null));
    }
}
