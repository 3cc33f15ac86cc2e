package com.qlower.loaders.ports;

import com.qlower.loaders.notify.Email;

/**
 * Sends email (SES v2 on AWS, with a configuration set; a folder of {@code .eml} files in the local runner).
 *
 * <p>Contract: returns the provider's message id; a failure that may pass is thrown as
 * {@link com.qlower.loaders.errors.TransientFailure}.
 */
public interface EmailSender {

    String send(Email email);
}
