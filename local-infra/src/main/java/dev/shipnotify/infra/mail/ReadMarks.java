package dev.shipnotify.infra.mail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which messages were opened through the API; Mailpit marks a message read when it is fetched. Memory only. */
final class ReadMarks {
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    void mark(String id) {
        read.add(id);
    }

    boolean isRead(String id) {
        return read.contains(id);
    }

    void forget(Iterable<String> ids) {
        ids.forEach(read::remove);
    }

    void clear() {
        read.clear();
    }
}
