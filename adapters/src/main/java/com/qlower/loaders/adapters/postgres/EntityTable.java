package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.bulkload.StagedTable;
import java.util.List;

/**
 * A table staged records are merged into, with the business columns of its rows as the transformer stages them
 * ({@link StagedTable}): besides {@code partner_id}, {@code external_id} and the bookkeeping columns.
 */
record EntityTable(StagedTable staged) {

    /** In the order they are merged: owners before the properties that name them. */
    static final List<EntityTable> ALL = List.of(new EntityTable(StagedTable.OWNERS),
            new EntityTable(StagedTable.PROPERTIES), new EntityTable(StagedTable.TRANSACTIONS),
            new EntityTable(StagedTable.DOCUMENTS));

    /**
     * A delta's retirements: staged like the records, then applied to the table of their kind. Not a table of its
     * own: its stage table is created by hand.
     */
    static final EntityTable RETIREMENTS = new EntityTable(StagedTable.RETIREMENTS);

    /** The table of the records a retirement names. */
    static EntityTable of(Retirement.Kind kind) {
        return switch (kind) {
            case OWNER -> ALL.get(0);
            case PROPERTY -> ALL.get(1);
            case TRANSACTION -> ALL.get(2);
            case DOCUMENT -> ALL.get(3);
        };
    }

    /** The tables a loader's snapshot covers: what it may retire. */
    static List<EntityTable> ofLoader(com.qlower.loaders.contract.Loader loader) {
        return switch (loader) {
            case CARACTERISTIQUES -> List.of(ALL.get(0), ALL.get(1));
            case TRANSACTIONS -> List.of(ALL.get(2));
            case DOCUMENTS -> List.of(ALL.get(3));
        };
    }

    static EntityTable of(StagedTable staged) {
        return staged == StagedTable.RETIREMENTS ? RETIREMENTS
                : ALL.stream().filter(t -> t.staged == staged).findFirst().orElseThrow();
    }

    String table() {
        return staged.table();
    }

    List<String> columns() {
        return staged.columns();
    }

    String stageTable() {
        return "stage_" + table();
    }
}
