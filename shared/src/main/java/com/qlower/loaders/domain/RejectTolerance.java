package com.qlower.loaders.domain;

/**
 * When a file's refused records are too many for the rest of it to be integrated: above a share of the records
 * received, and above an absolute floor. The floor lets a small file through with a mistake or two (one refused
 * record among 8 is 12.5 %), the share guards large files. Neither lets a file through whose every record is
 * refused: there would be nothing to integrate, and the partner must hear that the file failed.
 *
 * @param percent above this share of the records received (0 to 100), the file is refused whole
 * @param records up to this many refused records never refuse the file (0: the share alone decides)
 */
public record RejectTolerance(double percent, long records) {

    /** 5 %, and up to 2 records: at 5 % the floor only matters for files of fewer than 40 records. */
    public static final RejectTolerance DEFAULT = new RejectTolerance(5.0, 2);

    public RejectTolerance {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a reject tolerance is a share between 0 and 100 %, not " + percent);
        }
        if (records < 0) {
            throw new IllegalArgumentException("a reject tolerance floor is a number of records, not " + records);
        }
    }

    /** The share alone, as before floors existed (a report staged by an earlier version). */
    public static RejectTolerance percentOnly(double percent) {
        return new RejectTolerance(percent, 0);
    }

    /** Whether {@code rejected} refused records of {@code received} refuse the whole file. */
    public boolean isExceededBy(long received, long rejected) {
        if (received == 0 || rejected == 0) {
            return false;
        }
        if (rejected * 100.0 / received <= percent) {
            return false;
        }
        boolean everything = rejected >= received;
        return everything || rejected > records;
    }
}
