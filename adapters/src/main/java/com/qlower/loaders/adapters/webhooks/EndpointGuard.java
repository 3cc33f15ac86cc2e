package com.qlower.loaders.adapters.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refuses webhook endpoints a partner could use to reach inside our network (SSRF): a scheme other than https, or a
 * host with any address that is loopback, any-local, link-local (the 169.254.169.254 metadata service among them),
 * private, unique-local IPv6, carrier-grade NAT or multicast, including those addresses embedded in IPv6.
 *
 * <p>Limit: {@link java.net.http.HttpClient} resolves the host again when it connects, so a name with a short TTL
 * can answer a public address here and a private one there (DNS rebinding); the JVM's 30 s address cache narrows
 * that window, it does not close it. Connecting to the very address checked here (which HttpClient does not allow
 * while keeping TLS on the name), an egress proxy applying these rules, or a network ACL denying private ranges
 * from the notifier's subnet would.
 */
public final class EndpointGuard {

    /** The host's addresses, as {@link InetAddress#getAllByName} gives them. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String LOOPBACK = "loopback";

    private final boolean allowLoopback;
    private final Resolver resolver;

    /**
     * @param allowLoopback for the local runner only: loopback addresses allowed, and plain http to them
     */
    public EndpointGuard(boolean allowLoopback) {
        this(allowLoopback, InetAddress::getAllByName);
    }

    EndpointGuard(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /**
     * Why the endpoint must not be called, or empty when it may.
     *
     * @throws UnknownHostException when the host does not resolve: a failed attempt, the endpoint is not called
     */
    public Optional<String> refusal(URI endpoint) throws UnknownHostException {
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        boolean http = "http".equalsIgnoreCase(endpoint.getScheme());
        if (!https && !(http && allowLoopback)) {
            return Optional.of("not https: " + endpoint.getScheme());
        }
        if (endpoint.getHost() == null) {
            return Optional.of("no host");
        }
        InetAddress[] addresses = resolver.resolve(endpoint.getHost());
        for (InetAddress address : addresses) {
            String range = forbiddenRange(address);
            if (range != null && !(allowLoopback && range.equals(LOOPBACK))) {
                return Optional.of(endpoint.getHost() + " resolves to " + address.getHostAddress() + ", a " + range
                        + " address");
            }
        }
        if (http && !Arrays.stream(addresses).allMatch(a -> LOOPBACK.equals(forbiddenRange(a)))) {
            return Optional.of("not https: plain http is allowed to loopback only");
        }
        return Optional.empty();
    }

    /** The kind of address the endpoint must not be, or null for a public address. */
    static String forbiddenRange(InetAddress address) {
        if (address instanceof Inet6Address v6 && embeddedIpv4(v6.getAddress()) instanceof Inet4Address v4) {
            return forbiddenRange(v4);
        }
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isAnyLocalAddress() || address instanceof Inet4Address && b[0] == 0) {
            return "this-network";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        if (address instanceof Inet4Address && b[0] == 100 && (b[1] & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible ({@code ::/96}, but for
     * {@code ::} and {@code ::1}) or NAT64 ({@code 64:ff9b::/96}) address, which reach that IPv4 address; or null.
     */
    private static InetAddress embeddedIpv4(byte[] b) {
        byte[] prefix = Arrays.copyOf(b, 12);
        boolean mapped = Arrays.equals(prefix, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1});
        boolean compatible = Arrays.equals(prefix, new byte[12]) && (b[12] | b[13] | b[14] | (b[15] & 0xfe)) != 0;
        boolean nat64 = Arrays.equals(prefix, new byte[] {0, 0x64, -1, -101, 0, 0, 0, 0, 0, 0, 0, 0});
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
