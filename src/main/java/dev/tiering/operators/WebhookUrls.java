package dev.tiering.operators;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may be sent. The service calls the URL from inside its own network, so a URL on a
 * loopback, private, link-local or otherwise internal address would let an admin (or whoever holds
 * the admin's password) reach what only the service can (server-side request forgery): such a URL
 * is refused unless {@code tiering.webhooks.allow-private} is set. The host is checked when the
 * subscription is made and again before every delivery, which connects to the address it checked (a
 * name that comes to resolve to an internal address is not followed).
 */
public final class WebhookUrls {
    private WebhookUrls() {}

    /** Why a URL may not be subscribed. */
    public static final class RefusedUrlException extends Exception {
        public RefusedUrlException(String message) {
            super(message);
        }
    }

    /** The parts of a URL a delivery needs. */
    public record Target(URI uri, String host, int port, boolean tls) {}

    /** Parses and checks the form of a subscription URL. */
    public static Target parse(String url) throws RefusedUrlException {
        if (url == null || url.isBlank()) {
            throw new RefusedUrlException("is required");
        }
        if (url.length() > 2000) {
            throw new RefusedUrlException("must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrlException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedUrlException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("must not hold a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedUrlException("must not have a fragment");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(uri, host, port, tls);
    }

    /**
     * The address to connect to for {@code target}: its host resolved, every address it resolves to
     * checked.
     */
    public static InetAddress resolve(Target target, boolean allowPrivate)
            throws RefusedUrlException {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host " + target.host() + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress a : all) {
                if (internal(a)) {
                    throw new RefusedUrlException(
                            "host "
                                    + target.host()
                                    + " is a loopback, private or internal address ("
                                    + a.getHostAddress()
                                    + "); set tiering.webhooks.allow-private=true to allow it");
                }
            }
        }
        return all[0];
    }

    /** Whether an address is not one on the public internet. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if (isMapped(b) || isNat64(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                try {
                    return internal(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isNat64(byte[] b) {
        byte[] prefix = {0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The secret's form: {@code whsec_} and the base64 of 24 to 64 bytes. */
    public static byte[] secretKey(String secret) throws RefusedUrlException {
        String hint =
                "must be whsec_ followed by the base64 of 24 to 64 random bytes (for example"
                        + " whsec_$(openssl rand -base64 32))";
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new RefusedUrlException(hint);
        }
        byte[] key;
        try {
            key = java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException(hint);
        }
        if (key.length < 24 || key.length > 64) {
            throw new RefusedUrlException(hint);
        }
        return key;
    }

    /** The one event type a subscription may ask for. */
    public static final List<String> TYPES = List.of(dev.tiering.store.WebhookRepository.CHANGED);
}
