package com.qlower.loaders.report;

/**
 * Record counts of one file. They always add up: {@code received = accepted + rejected}, and once integrated,
 * {@code accepted = inserted + updated + unchanged}.
 */
public record Counts(long received, long accepted, long rejected, long inserted, long updated, long unchanged,
                     long retired) {

    public static Counts ofValidation(long received, long rejected) {
        return new Counts(received, received - rejected, rejected, 0, 0, 0, 0);
    }

    public Counts withRejected(long rejectedNow) {
        return new Counts(received, received - rejectedNow, rejectedNow, inserted, updated, unchanged, retired);
    }

    public Counts withIntegration(long inserted, long updated, long unchanged, long retired) {
        return new Counts(received, accepted, rejected, inserted, updated, unchanged, retired);
    }

    /** True when nothing was lost on the way: every record received is accounted for. */
    public boolean addsUp() {
        boolean validated = received == accepted + rejected;
        boolean integrated = inserted + updated + unchanged == 0 || inserted + updated + unchanged == accepted;
        return validated && integrated;
    }
}
