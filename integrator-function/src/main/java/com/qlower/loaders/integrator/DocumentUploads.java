package com.qlower.loaders.integrator;

import com.qlower.loaders.domain.Document;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.steps.FileRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The document contents one attempt at a file puts in the documents bucket, under a key that names no person: the
 * partner and the content's hash. The same content is stored once. Remembers what it uploaded, so that a rolled-back
 * attempt leaves no object that no row points at.
 */
final class DocumentUploads {

    private final ObjectStore store;
    private final String documentsBucket;
    private final List<FileRef> uploaded = new ArrayList<>();
    private boolean failed;

    DocumentUploads(ObjectStore store, String documentsBucket) {
        this.store = store;
        this.documentsBucket = documentsBucket;
    }

    /** Stores the document's content unless stored already; returns the document pointing at it. */
    Document store(String partnerId, Document document) {
        String key = partnerId + "/" + document.sha256();
        try {
            if (!store.exists(documentsBucket, key)) {
                // the exact version is kept: in a versioned bucket, removing it on failure leaves no old version
                uploaded.add(store.put(documentsBucket, key, Document.decodeBase64(document.contentBase64()),
                        document.contentType()));
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        return document.stored(key);
    }

    /** Whether an upload of this attempt failed: then the transaction was rolled back for certain. */
    boolean failed() {
        return failed;
    }

    /** Removes what this attempt uploaded: once the transaction is known rolled back. */
    void removeAll() {
        uploaded.forEach(store::delete);
    }

    int count() {
        return uploaded.size();
    }
}
