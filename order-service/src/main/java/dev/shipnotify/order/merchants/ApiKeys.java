package dev.shipnotify.order.merchants;

import dev.shipnotify.contracts.MerchantKeyChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes and hashes API keys: 256 random bits, URL-safe, with a recognisable prefix. */
final class ApiKeys {
    static final String PREFIX = "snk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Hex SHA-256. The key has 256 bits of entropy, so a fast unsalted hash is enough to make a stolen table useless. */
    static String hash(String key) {
        return MerchantKeyChanged.hashOf(key);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }
}
