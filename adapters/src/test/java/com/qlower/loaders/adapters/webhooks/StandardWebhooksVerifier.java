package com.qlower.loaders.adapters.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks request, written from the specification apart from the sender's code:
 * the timestamp within 5 minutes of now, and one of the space-separated {@code v1,} signatures equal, in constant
 * time, to the HMAC-SHA256 of {@code id.timestamp.body} with the base64 key after {@code whsec_}.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
    }

    boolean verifies(String id, String timestamp, String signatures, String body, Instant now) throws Exception {
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(id + "." + timestamp + "." + body);
        for (String signature : signatures.split(" ")) {
            String[] versionAndValue = signature.split(",", 2);
            if (versionAndValue.length == 2 && versionAndValue[0].equals("v1")
                    && MessageDigest.isEqual(expected, decodedOrEmpty(versionAndValue[1]))) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(String signedContent) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decodedOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
