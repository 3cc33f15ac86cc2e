package com.qlower.loaders.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may go to: public ones over https; loopback too when the local runner allows it. */
class EndpointGuardTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "::1",                        // loopback
            "0.0.0.0", "0.1.2.3", "::",                             // this network, any-local
            "169.254.169.254", "169.254.0.1", "fe80::1",            // link-local, the metadata service
            "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1", // private
            "fc00::1", "fd12:3456::1",                              // unique-local IPv6
            "100.64.0.1", "100.127.255.254",                        // carrier-grade NAT
            "224.0.0.1", "ff02::1",                                 // multicast
            "::ffff:127.0.0.1", "::ffff:10.0.0.5",                  // IPv4-mapped
            "::10.0.0.5", "64:ff9b::a9fe:a9fe",                     // IPv4-compatible, NAT64 of 169.254.169.254
    })
    void forbiddenRange_namesEveryAddressInsideOurNetwork(String address) throws Exception {
        assertThat(EndpointGuard.forbiddenRange(InetAddress.getByName(address))).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.32.0.1",
            "2606:4700::1111", "64:ff9b::808:808"})
    void forbiddenRange_isNull_forPublicAddresses(String address) throws Exception {
        assertThat(EndpointGuard.forbiddenRange(InetAddress.getByName(address))).isNull();
    }

    @Test
    void forbiddenRange_seesThroughAnIpv4MappedAddressKeptInIpv6Form() throws Exception {
        byte[] mappedMetadata = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 169, (byte) 254, (byte) 169, (byte) 254};

        assertThat(EndpointGuard.forbiddenRange(Inet6Address.getByAddress(null, mappedMetadata, -1)))
                .isEqualTo("link-local");
    }

    @Test
    void refusal_refusesAHostname_whenAnyOfItsAddressesIsPrivate() throws Exception {
        EndpointGuard guard = new EndpointGuard(false, resolvingTo("8.8.8.8", "10.0.0.5"));

        assertThat(guard.refusal(URI.create("https://hooks.partner.example/q")))
                .hasValue("hooks.partner.example resolves to 10.0.0.5, a private address");
    }

    @Test
    void refusal_allowsAnHttpsHostname_whoseAddressesAreAllPublic() throws Exception {
        EndpointGuard guard = new EndpointGuard(false, resolvingTo("93.184.216.34", "2606:2800:220:1::1"));

        assertThat(guard.refusal(URI.create("https://hooks.partner.example/q"))).isEmpty();
    }

    @Test
    void refusal_letsAnUnresolvableHostFailTheAttempt_ratherThanPassUnchecked() {
        EndpointGuard guard = new EndpointGuard(false, host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> guard.refusal(URI.create("https://nowhere.example/q")))
                .isInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:8080/q", "https://127.0.0.1/q", "https://[::1]/q"})
    void allowLoopback_allowsLoopback_andPlainHttpToIt(String endpoint) throws Exception {
        assertThat(new EndpointGuard(true).refusal(URI.create(endpoint))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://10.0.0.5/q", "https://169.254.169.254/latest/meta-data", "http://8.8.8.8/q",
            "ftp://127.0.0.1/q"})
    void allowLoopback_stillRefusesOtherRanges_andPlainHttpElsewhere(String endpoint) throws Exception {
        assertThat(new EndpointGuard(true).refusal(URI.create(endpoint))).isPresent();
    }

    private static EndpointGuard.Resolver resolvingTo(String... addresses) {
        return host -> Arrays.stream(addresses).map(EndpointGuardTest::literal).toArray(InetAddress[]::new);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
