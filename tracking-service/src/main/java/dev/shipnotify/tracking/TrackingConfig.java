package dev.shipnotify.tracking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of tracking-service under {@code tracking.*}; each is also an environment variable ({@code TRACKING_...}). */
@ConfigMapping(prefix = "tracking")
public interface TrackingConfig {

    /** Where shoppers reach this service; a shipment's tracking page is {@code <public-url>/track/<carrier>/<number>}. */
    @WithDefault("http://127.0.0.1:8082")
    String publicUrl();

    /** Courier webhooks. */
    Webhook webhook();

    /** Telling shoppers of a delay before they have to ask. */
    Delay delay();

    interface Webhook {
        /** Largest webhook body read; a larger one answers 413 before anything parses it. */
        @WithDefault("262144")
        int maxBodyBytes();

        /** How far a signed webhook's timestamp may be from now (Standard Webhooks' replay window). */
        @WithDefault("5m")
        Duration tolerance();

        /** Per source, {@code tracking.webhook.<source>.*}. */
        @WithParentName
        Map<String, Source> sources();
    }

    interface Source {
        /**
         * {@code tracking.webhook.<source>.secrets}: comma-separated, newest first, so the old and the new secret
         * both pass while a source rotates. A source without secrets refuses every webhook.
         */
        Optional<List<String>> secrets();
    }

    interface Delay {
        /** A shipment on its way with no scan for this long is announced as delayed, once. */
        @WithDefault("PT48H")
        Duration silence();

        /** How often shipments are checked for silence and passed promised dates; {@code off} disables it. */
        @WithDefault("5m")
        String checkInterval();
    }
}
