package dev.shipnotify.tracking.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over raw bytes, and the constant-time check every source's signature goes through. */
final class Hmac {
    private Hmac() {
    }

    /** HMAC-SHA256 under {@code key} of the parts, one after the other, as bytes. */
    static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code presented} equals what any key gives, compared in constant time.
     *
     * @param expected the bytes the sender should have presented under one key
     */
    static boolean matchesAny(byte[] presented, List<byte[]> keys, Function<byte[], byte[]> expected) {
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(expected.apply(key), presented);
        }
        return match;
    }
}
