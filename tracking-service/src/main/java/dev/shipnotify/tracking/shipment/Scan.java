package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One courier scan as a webhook reported it, normalised: which parcel, and the checkpoint (the status in our
 * taxonomy beside the courier's own code, text, place and time).
 *
 * @param source the webhook source that reported it, e.g. {@code canonical} or {@code aftership}
 */
public record Scan(String source, String carrier, String trackingNumber, Checkpoint checkpoint) {

    public Scan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public String carrierKey() {
        return Carriers.key(carrier);
    }

    /**
     * Identifies the scan: the same source reporting the same checkpoint of the same parcel twice gives the same
     * key, which the {@code scans} collection holds once.
     */
    public String key() {
        Checkpoint c = checkpoint;
        Location l = c.location();
        String identity = String.join("\u001f", source, carrierKey(), trackingNumber.strip(), c.time().toString(),
                c.status().name(), Objects.toString(c.reason(), ""), Objects.toString(c.courierCode(), ""),
                Objects.toString(c.message(), ""), l == null ? "" : Objects.toString(l.city(), ""),
                l == null ? "" : Objects.toString(l.region(), ""), l == null ? "" : Objects.toString(l.country(), ""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
