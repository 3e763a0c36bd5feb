package dev.realtime.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client a request comes from, as a rate-limit key. It is the connection's remote address: headers such as
 * X-Forwarded-For are trusted only when the deployment says a proxy sets them ({@code
 * server.forward-headers-strategy}), in which case Spring has already put the client's address there. An IPv6
 * client usually holds a whole /64, so that prefix is the key, or it could take a new address for every attempt.
 */
final class ClientAddress {

    private static final int IPV6_PREFIX_BYTES = 8;

    private ClientAddress() {
    }

    static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : key(remote.getAddress());
    }

    static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        if (isIpv4Mapped(bytes)) {
            // A dual-stack socket may show an IPv4 client as ::ffff:a.b.c.d; all of those share one /64.
            return ipv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        return HexFormat.of().formatHex(bytes, 0, IPV6_PREFIX_BYTES) + "/64";
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
