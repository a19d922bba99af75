package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Where a courier scan happened, as far as the courier said. Every part may be null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Location(String city, String region, String country) {
}
