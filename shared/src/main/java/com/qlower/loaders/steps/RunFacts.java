package com.qlower.loaders.steps;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.ProfileVersion;
import com.qlower.loaders.domain.RejectTolerance;
import java.time.LocalDate;

/**
 * What the validator learnt of a file once, from its key, its envelope and its partner's settings: the state
 * machine passes it in every later step's request, so no step parses the key again or reads it back from the
 * staged report. Small on purpose (a few hundred bytes of the state's 256 KB): references and settings, no data.
 *
 * @param partnerId null when the key named no valid partner folder
 * @param loader null when the key named no known loader
 * @param mode null when the file's envelope could not be read
 * @param snapshotDate the key's date, ISO ({@code 2026-11-23}): the Lambda runtime's serializer has no
 *     {@code java.time}; null when the key could not be parsed. {@link #snapshotDay()} reads it
 * @param correction the key's {@code _NN}, 0 without one
 * @param sha256 of the file's bytes, null when it was not read
 * @param rejectTolerance the partner's tolerance the file is judged with
 * @param deletionGuard how much of the partner's active records a snapshot may retire
 * @param profile the partner's mapping profile the file was read with; null when it had none
 */
public record RunFacts(String partnerId, Loader loader, Mode mode, String snapshotDate, int correction,
                       String sha256, RejectTolerance rejectTolerance, DeletionGuard deletionGuard,
                       ProfileVersion profile) {

    /** The facts of a file whose key was parsed (null: it could not be) and whose envelope gave a mode. */
    public static RunFacts of(PartnerFileName name, String partnerId, Mode mode, String sha256,
                              RejectTolerance rejectTolerance, DeletionGuard deletionGuard, ProfileVersion profile) {
        return new RunFacts(partnerId, name == null ? null : name.loader(), mode,
                name == null ? null : name.snapshotDate().toString(), name == null ? 0 : name.correction(), sha256,
                rejectTolerance, deletionGuard, profile);
    }

    /** The key's date, or null when the key could not be parsed. */
    public LocalDate snapshotDay() {
        return snapshotDate == null ? null : LocalDate.parse(snapshotDate);
    }
}
