package com.qlower.loaders.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature is the one the Standard Webhooks reference libraries compute, so theirs verify ours. */
class WebhookSigningKeyTest {

    // the specification's published test vector
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signature_isTheSpecificationsTestVector() {
        assertThat(WebhookSigningKey.of(SECRET).signature(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void signature_isTheSame_withoutTheWhsecPrefix() {
        assertThat(WebhookSigningKey.of(SECRET.substring("whsec_".length())).signature(ID, TIMESTAMP, BODY))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void of_refusesASecretThatIsNotBase64_withoutQuotingIt() {
        assertThatThrownBy(() -> WebhookSigningKey.of("whsec_not*base64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the webhook secret is not whsec_ followed by base64")
                .hasNoCause();
    }
}
