package com.qlower.loaders.adapters.s3;

import com.qlower.loaders.ports.ReportLinks;
import com.qlower.loaders.steps.FileRef;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ReportLinks} as S3 pre-signed GET URLs. A URL signed with a Lambda role's temporary credentials stops
 * working when they expire, whatever the validity asked for: the README says how long links really last.
 */
public final class S3ReportLinks implements ReportLinks {

    private final S3Presigner presigner;

    public S3ReportLinks(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public URI linkTo(FileRef report, Duration validity) {
        return URI.create(presigner.presignGetObject(b -> b.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(report.bucket()).key(report.key()).versionId(report.versionId())))
                .url().toString());
    }
}
