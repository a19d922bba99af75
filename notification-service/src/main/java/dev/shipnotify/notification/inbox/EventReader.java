package dev.shipnotify.notification.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Turns an event body into its contract record. Everything that makes a body unreadable (not JSON, a
 * required field missing, a wrong type) is a {@link PoisonEventException}: retrying cannot fix it.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T extends Record> T read(EventEnvelope event, Class<T> type) {
        try {
            T value = mapper.readValue(event.body(), type);
            if (value == null) {
                throw new PoisonEventException("invalid " + event.topic() + " body: JSON null");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The original message names the problem without echoing the body, which carries personal data.
            throw new PoisonEventException("invalid " + event.topic() + " body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonEventException("unreadable " + event.topic() + " body: " + e.getMessage());
        }
    }
}
