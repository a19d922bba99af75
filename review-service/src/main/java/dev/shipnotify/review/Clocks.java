package dev.shipnotify.review;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time every decision of this service is made at: when a request is due, whether a link has expired. One
 * {@link Clock} bean, so tests move time forward instead of waiting for it.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
