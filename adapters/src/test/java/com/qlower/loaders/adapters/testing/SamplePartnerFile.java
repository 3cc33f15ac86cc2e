package com.qlower.loaders.adapters.testing;

import com.qlower.loaders.steps.FileRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The partner file the handler tests run the pipeline on, {@code samples/drop/gestimmo/transactions_20261123.json}:
 * where it lands, and the files of {@code events/} that carry it from step to step. Paths are relative to a module's
 * folder, where Maven runs the tests.
 */
public final class SamplePartnerFile {

    /** The bucket whose inbox the partners drop their files in; the staging area and the archives are there too. */
    public static final String INGEST_BUCKET = "qlower-loaders-ingest-prod";
    /** The bucket the integrator stores the documents in. */
    public static final String DOCUMENTS_BUCKET = "qlower-loaders-documents-prod";

    public static final Path PATH = Path.of("../samples/drop/gestimmo/transactions_20261123.json");
    /** The same drop's caracteristiques file: the owners and properties its transactions refer to. */
    public static final Path CARACTERISTIQUES = Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json");
    public static final String KEY = "inbox/gestimmo/transactions_20261123.json";
    /** The version id S3 announced: the ingest bucket is versioned. */
    public static final String VERSION = "Ut4mWq7hK2bXz9pLr.3sVdN_8yEcQo1F";

    /** The S3 notification of the file's arrival, which the validator receives. */
    public static final String S3_EVENT = "../events/validator-s3-put.json";
    public static final String TRANSFORMER_REQUEST = "../events/transformer-request.json";
    public static final String INTEGRATOR_REQUEST = "../events/integrator-request.json";

    /** The steps' clock: the night the file arrived, a second after S3 announced it. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:12:42Z"), ZoneOffset.UTC);

    private SamplePartnerFile() {
    }

    /** The file in the inbox, as the events after the validator's name it. */
    public static FileRef fileRef() {
        return new FileRef(INGEST_BUCKET, KEY, VERSION);
    }
}
