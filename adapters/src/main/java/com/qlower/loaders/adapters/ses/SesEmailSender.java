package com.qlower.loaders.adapters.ses;

import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.ports.EmailSender;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * {@link EmailSender} on Amazon SES v2: one {@code SendEmail} of simple content, HTML and text, in UTF-8, under a
 * configuration set (which routes bounces and complaints to where they are watched).
 */
public final class SesEmailSender implements EmailSender {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SesV2Client ses;
    private final String fromAddress;
    private final String configurationSet;

    public SesEmailSender(SesV2Client ses, String fromAddress, String configurationSet) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.fromAddress = Objects.requireNonNull(fromAddress, "fromAddress");
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
    }

    @Override
    public String send(Email email) {
        try {
            return ses.sendEmail(r -> r
                    .fromEmailAddress(fromAddress)
                    .destination(d -> d.toAddresses(email.to()))
                    .configurationSetName(configurationSet)
                    .content(c -> c.simple(m -> m
                            .subject(utf8(email.subject()))
                            .body(b -> b.html(utf8(email.html())).text(utf8(email.text()))))))
                    .messageId();
        } catch (SdkClientException e) {
            throw new TransientFailure("SES could not be reached", e);
        } catch (SesV2Exception e) {
            if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
                throw new TransientFailure("SES answered " + e.statusCode(), e);
            }
            throw e; // a rejected message or sender, a paused account: sending again would not help
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }
}
