package com.qlower.loaders.domain;

/**
 * How much of a partner's active records of one kind a snapshot may retire by leaving them out: up to a share of
 * them, or up to an absolute floor, whichever allows more. The floor lets a small partner sell a flat (one of five
 * properties is 20 %); the share guards a large one against a truncated export. Neither lets a snapshot retire
 * every active record of a kind: an empty or cut export looks exactly like that, so it takes an operator's
 * authorization (or a share of 100 %).
 *
 * @param percent a snapshot may retire up to this share of the active records (0 to 100)
 * @param records retiring up to this many records never trips the guard (0: the share alone decides)
 */
public record DeletionGuard(double percent, long records) {

    /**
     * 10 %, and up to 5 records: at 10 % the floor only matters below 50 active records, and a retirement is not a
     * deletion (the row is kept and comes back when sent again), so a wrong one costs at most a night.
     */
    public static final DeletionGuard DEFAULT = new DeletionGuard(10.0, 5);

    public DeletionGuard {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a deletion guard is a share between 0 and 100 %, not " + percent);
        }
        if (records < 0) {
            throw new IllegalArgumentException("a deletion guard floor is a number of records, not " + records);
        }
    }

    /** Whether retiring {@code wouldRetire} of {@code active} records is refused. */
    public boolean refuses(long wouldRetire, long active) {
        if (wouldRetire <= 0) {
            return false;
        }
        boolean aboveShare = active <= 0 || wouldRetire * 100.0 / active > percent;
        if (!aboveShare) {
            return false;
        }
        boolean everything = wouldRetire >= active;
        return everything || wouldRetire > records;
    }
}
