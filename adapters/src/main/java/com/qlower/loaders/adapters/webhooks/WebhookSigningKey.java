package com.qlower.loaders.adapters.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's Standard Webhooks signing secret, decoded: signs {@code id.timestamp.body} with HMAC-SHA256 into the
 * {@code webhook-signature} header's {@code v1,} form.
 */
final class WebhookSigningKey {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSigningKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** @param secret {@code whsec_} then base64, as Standard Webhooks gives it (the prefix may be left out) */
    static WebhookSigningKey of(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return new WebhookSigningKey(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            // no cause: its message quotes the secret's characters
            throw new IllegalArgumentException("the webhook secret is not " + PREFIX + " followed by base64");
        }
    }

    /** The {@code webhook-signature} header's value for one attempt. */
    String signature(String eventId, long timestamp, byte[] body) {
        Mac mac = newMac();
        mac.update((eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
