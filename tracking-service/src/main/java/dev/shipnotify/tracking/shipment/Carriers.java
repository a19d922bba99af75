package dev.shipnotify.tracking.shipment;

import java.util.Locale;

/**
 * Carrier names as merchants, couriers and aggregators write them. Case, spaces and punctuation do not count
 * ({@code Blue Dart}, {@code bluedart} and {@code blue-dart} are one carrier), and a service is its carrier
 * ({@code Delhivery Surface}, as Shiprocket names it, is {@code Delhivery}); the tracking number does the rest.
 */
public final class Carriers {
    private static final int SHORTEST_PREFIX = 3;

    private Carriers() {
    }

    /** Lower-case letters and digits only: {@code Blue Dart} is {@code bluedart}. */
    public static String key(String carrier) {
        return carrier.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Whether two names mean the same carrier: the same key, or one key a service of the other. */
    public static boolean same(String carrier, String other) {
        String a = key(carrier);
        String b = key(other);
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() < b.length() ? a : b;
        String longer = a.length() < b.length() ? b : a;
        return shorter.length() >= SHORTEST_PREFIX && longer.startsWith(shorter);
    }
}
