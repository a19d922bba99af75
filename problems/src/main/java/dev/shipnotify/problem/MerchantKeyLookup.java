package dev.shipnotify.problem;

import java.util.Optional;

/** A service's view of the merchant API keys order-service issued ({@code merchant-keys}). */
public interface MerchantKeyLookup {

    /** The merchant whose valid (issued, not revoked) key this is. */
    Optional<String> merchantOfKey(String apiKey);
}
