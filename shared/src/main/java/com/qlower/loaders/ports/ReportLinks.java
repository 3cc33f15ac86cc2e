package com.qlower.loaders.ports;

import com.qlower.loaders.steps.FileRef;
import java.net.URI;
import java.time.Duration;

/** Links a partner can follow to read one of its reports without credentials (S3 pre-signed URLs). */
public interface ReportLinks {

    /** A link to the object that stops working after {@code validity}. */
    URI linkTo(FileRef report, Duration validity);
}
