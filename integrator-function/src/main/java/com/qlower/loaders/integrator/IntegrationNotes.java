package com.qlower.loaders.integrator;

import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the integration tells the partner in the report, in French and English: why the store refused a file, and
 * the warnings of a file applied (retirement skipped, content already received, what each erasure did).
 */
final class IntegrationNotes {

    private IntegrationNotes() {
    }

    static FileError retirementSkipped() {
        return FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_SKIPPED, Message.of(
                "instantané avec des enregistrements rejetés : aucun enregistrement absent n'est retiré",
                "a snapshot with rejected records: no absent record is retired"), null);
    }

    static FileError contentAlreadyReceived(String sameContentAs) {
        return FileError.ofFile(ErrorCode.CONTENT_ALREADY_RECEIVED, Message.of(
                "même contenu que " + sameContentAs + ", déjà reçu : appliqué à nouveau, les "
                        + "compteurs disent ce qui a changé depuis",
                "the same content as " + sameContentAs + ", already received: applied again, the "
                        + "counts say what changed since"),
                sameContentAs);
    }

    /** What an erasure request did, for the partner: counts only, and the request's reference. */
    static FileError erasure(ErasureOutcome erasure) {
        return switch (erasure.status()) {
            case APPLIED -> FileError.ofFile(ErrorCode.ERASURE_APPLIED, Message.of(
                    "demande " + erasure.reference() + " : propriétaire effacé avec " + erasure.properties()
                            + " bien(s), " + erasure.transactions() + " transaction(s), " + erasure.documents()
                            + " document(s) ; " + erasure.files() + " fichier(s) archivé(s) purgé(s)",
                    "request " + erasure.reference() + ": owner erased with " + erasure.properties()
                            + " propert(ies), " + erasure.transactions() + " transaction(s), " + erasure.documents()
                            + " document(s); " + erasure.files() + " archived file(s) purged"),
                    erasure.reference());
            case ALREADY_DONE -> FileError.ofFile(ErrorCode.ERASURE_ALREADY_DONE, Message.of(
                    "demande " + erasure.reference() + " : ce propriétaire a déjà été effacé le "
                            + erasure.erasedOn() + ", il ne reste rien à effacer",
                    "request " + erasure.reference() + ": this owner was already erased on " + erasure.erasedOn()
                            + "; nothing is left to erase"), erasure.reference());
            case OWNER_UNKNOWN -> FileError.ofFile(ErrorCode.ERASURE_OWNER_UNKNOWN, Message.of(
                    "demande " + erasure.reference() + " : aucune donnée de ce propriétaire n'a été reçue, "
                            + "rien n'est effacé",
                    "request " + erasure.reference() + ": no data of this owner was ever received; nothing is "
                            + "erased"), erasure.reference());
        };
    }

    static FileError retirementRefused(IntegrationStore.RetirementRefused refused) {
        String percent = Objects.toString(refused.guard().percent());
        long floor = refused.guard().records();
        boolean everything = refused.wouldRetire() >= refused.active();
        String whyFr = everything ? "tous les " + refused.active() + " " + refused.entity() + " actifs"
                : refused.wouldRetire() + " des " + refused.active() + " " + refused.entity()
                        + " actifs, au-delà de la garde de " + percent + " % et de " + floor + " enregistrement(s)";
        String whyEn = everything ? "all " + refused.active() + " active " + refused.entity()
                : refused.wouldRetire() + " of the " + refused.active() + " active " + refused.entity()
                        + ", beyond the guard of " + percent + " % and " + floor + " record(s)";
        return FileError.ofFile(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED, Message.of(
                "cet instantané retirerait " + whyFr + " : rien n'est appliqué. Envoyez l'instantané complet, ou "
                        + "demandez à Qlower d'autoriser ce retrait",
                "this snapshot would retire " + whyEn + ": nothing is applied. Send the complete snapshot, or ask "
                        + "Qlower to authorize this retirement"), Long.toString(refused.wouldRetire()));
    }

    static FileError erasedOwnerSent(IntegrationStore.ErasedOwnerSent erased) {
        return FileError.ofFile(ErrorCode.OWNER_ERASED_MEANWHILE, Message.of(
                erased.records() + " enregistrement(s) de ce fichier concernent un propriétaire dont vous avez "
                        + "demandé l'effacement, appliqué pendant le traitement de ce fichier : rien n'est "
                        + "appliqué. Renvoyez-le sans cette personne",
                erased.records() + " record(s) of this file belong to an owner whose erasure you asked for, "
                        + "applied while this file was processed: nothing is applied. Send it again without "
                        + "this person"), Long.toString(erased.records()));
    }

    /** @param snapshotDate the refused snapshot's own date, quoted in the report */
    static FileError staleSnapshot(IntegrationStore.StaleSnapshot stale, LocalDate snapshotDate) {
        String last = stale.lastDate() + (stale.lastCorrection() > 0 ? " (_" + stale.lastCorrection() + ")" : "");
        return FileError.ofFile(ErrorCode.SNAPSHOT_STALE, Message.of(
                "l'instantané du " + last + " est déjà appliqué : celui-ci, plus ancien, ne l'est pas",
                "the snapshot of " + last + " is already applied: this older one is not"),
                snapshotDate == null ? null : snapshotDate.toString());
    }
}
