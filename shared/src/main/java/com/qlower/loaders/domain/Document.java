package com.qlower.loaders.domain;

/**
 * A supporting document (invoice, lease, tax notice...). Staged with its checked content; once integrated the
 * content lives in the documents bucket and the row keeps only where.
 */
public record Document(
        String externalId,
        String propertyExternalId,
        String transactionExternalId,
        String documentType,
        String fileName,
        String contentType,
        long sizeBytes,
        String sha256,
        String contentBase64,
        String storageKey) implements StagedRecord {

    /**
     * Decodes {@code content_base64}: standard base64 (RFC 4648), line breaks tolerated. Any other character outside
     * the alphabet is an error, where a lenient decoder would skip it and store a damaged document.
     *
     * @throws IllegalArgumentException when the text is not base64
     */
    public static byte[] decodeBase64(String base64) {
        return java.util.Base64.getDecoder().decode(base64.replaceAll("[\\r\\n]", ""));
    }

    /** The same document once its content is in the documents bucket: the row keeps only where. */
    public Document stored(String key) {
        return new Document(externalId, propertyExternalId, transactionExternalId, documentType, fileName,
                contentType, sizeBytes, sha256, null, key);
    }
}
