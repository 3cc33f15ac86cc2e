package com.qlower.loaders.contract;

/**
 * Record counts of one file. They always add up: {@code received = accepted + rejected}, and once integrated, every
 * accepted record is inserted, updated, unchanged, an erasure request ({@code erased}), or, in a delta, a retirement
 * it asked for. A snapshot's {@code retired} counts instead the partner's records it left out.
 */
public record Counts(long received, long accepted, long rejected, long inserted, long updated, long unchanged,
                     long retired, long erased) {

    public Counts(long received, long accepted, long rejected, long inserted, long updated, long unchanged,
                  long retired) {
        this(received, accepted, rejected, inserted, updated, unchanged, retired, 0);
    }

    public static Counts ofValidation(long received, long rejected) {
        return new Counts(received, received - rejected, rejected, 0, 0, 0, 0, 0);
    }

    public Counts withRejected(long rejectedNow) {
        return new Counts(received, received - rejectedNow, rejectedNow, inserted, updated, unchanged, retired,
                erased);
    }

    public Counts withIntegration(long inserted, long updated, long unchanged, long retired, long erased) {
        return new Counts(received, accepted, rejected, inserted, updated, unchanged, retired, erased);
    }

    /** These counts and another file's, added: a day's files together. */
    public Counts plus(Counts other) {
        return new Counts(received + other.received, accepted + other.accepted, rejected + other.rejected,
                inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                retired + other.retired, erased + other.erased);
    }

    /** True when nothing was lost on the way: every record received is accounted for. */
    public boolean addsUp() {
        boolean validated = received == accepted + rejected;
        long integrated = inserted + updated + unchanged + erased;
        // a delta's retirements are records of the file; a snapshot's are rows it left out
        boolean accounted = integrated == 0 && retired == 0 || integrated == accepted
                || integrated + retired == accepted;
        return validated && accounted;
    }
}
