package com.qlower.loaders.ports;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Document contents that no document points at any more: a document whose content changed points at a new object,
 * and the one it pointed at before is superseded. They are kept {@link #RETENTION}, then purged.
 *
 * <p>Contract: {@link #purgeDue} hands each superseded object key due for purging (superseded before the given
 * instant) to {@code deleteObject}, then forgets it, partner by partner, while no file of that partner's documents
 * merges; an object that a document row still points at (contents are stored once per partner) is forgotten as
 * superseded but never handed over. An object whose deletion throws stays due, and is handed over again next time.
 */
public interface SupersededContents {

    /** How long a superseded document content is kept (the partner guide and the README say so). */
    java.time.Duration RETENTION = java.time.Duration.ofDays(7);

    /** Nothing is ever superseded: for the tests of what a file does. */
    SupersededContents NONE = (before, deleteObject) -> 0;

    /** Purges the contents superseded before {@code supersededBefore}; returns how many objects were handed over. */
    int purgeDue(Instant supersededBefore, Consumer<String> deleteObject);
}
