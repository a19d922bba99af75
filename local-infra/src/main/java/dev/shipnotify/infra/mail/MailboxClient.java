package dev.shipnotify.infra.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Reads a mailbox through the Mailpit API subset only ({@code /api/v1/messages}, {@code /api/v1/message/{ID}},
 * {@code .../headers}, {@code DELETE /api/v1/messages}), so the same test code runs against the embedded
 * {@link Mailbox} and against a real Mailpit.
 *
 * <pre>{@code
 * MailboxClient mail = new MailboxClient(mailbox.apiUrl());
 * await().atMost(Duration.ofSeconds(10)).until(() -> mail.messagesTo("asha@example.com").size() == 1);
 * }</pre>
 */
public final class MailboxClient {
    private static final int PAGE = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A display name (possibly empty) and an address. */
    public record Address(String name, String address) {
    }

    /** One entry of the message list; {@code bcc} holds envelope recipients that are in no header. */
    public record Summary(String id, String messageId, Address from, List<Address> to, List<Address> cc,
                          List<Address> bcc, String subject, Instant created, long size, String snippet) {

        /** Whether this message went to the address as To, Cc or Bcc (case-insensitive). */
        public boolean isFor(String address) {
            return contains(to, address) || contains(cc, address) || contains(bcc, address);
        }
    }

    /** A whole message; {@code date} is the Date header (or the arrival time when there was none). */
    public record Message(String id, String messageId, Address from, List<Address> to, List<Address> cc,
                          List<Address> bcc, List<Address> replyTo, String returnPath, String subject,
                          OffsetDateTime date, String text, String html, long size) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param baseUrl the server's root, e.g. {@code http://127.0.0.1:8025} (a trailing slash is fine) */
    public MailboxClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** Every message, newest first (pages through the API as needed). */
    public List<Summary> messages() {
        List<Summary> all = new ArrayList<>();
        while (true) {
            JsonNode page = getJson("api/v1/messages?start=" + all.size() + "&limit=" + PAGE);
            JsonNode messages = page.path("messages");
            messages.forEach(m -> all.add(summary(m)));
            long total = page.path("messages_count").asLong(page.path("total").asLong(0));
            if (messages.isEmpty() || all.size() >= total) {
                return all;
            }
        }
    }

    /** Messages sent to this address as To, Cc or Bcc, newest first. */
    public List<Summary> messagesTo(String address) {
        return messages().stream().filter(s -> s.isFor(address)).toList();
    }

    /** @throws NoSuchElementException when there is no message with that id */
    public Message message(String id) {
        JsonNode m = getJson("api/v1/message/" + segment(id));
        return new Message(
                m.path("ID").asText(),
                m.path("MessageID").asText(""),
                address(m.path("From")),
                addresses(m.path("To")),
                addresses(m.path("Cc")),
                addresses(m.path("Bcc")),
                addresses(m.path("ReplyTo")),
                m.path("ReturnPath").asText(""),
                m.path("Subject").asText(""),
                dateTime(m.path("Date").asText("")),
                m.path("Text").asText(""),
                m.path("HTML").asText(""),
                m.path("Size").asLong());
    }

    /**
     * The message's headers, raw (encoded words stay encoded). Lookups ignore case, because Mailpit
     * canonicalises names ({@code Message-ID} is listed as {@code Message-Id}).
     */
    public Map<String, List<String>> headers(String id) {
        JsonNode json = getJson("api/v1/message/" + segment(id) + "/headers");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        json.properties().forEach(field -> {
            List<String> values = new ArrayList<>();
            field.getValue().forEach(v -> values.add(v.asText()));
            headers.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).addAll(values);
        });
        headers.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(headers);
    }

    /** Empties the mailbox. */
    public void deleteAll() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/v1/messages")).DELETE());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("DELETE /api/v1/messages answered " + response.statusCode());
        }
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET()
                .header("Accept", "application/json"));
        if (response.statusCode() == 404) {
            throw new NoSuchElementException("GET /" + path + " answered 404");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /" + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET /" + path + " did not answer JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("mailbox at " + base + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the mailbox", e);
        }
    }

    private static Summary summary(JsonNode m) {
        return new Summary(
                m.path("ID").asText(),
                m.path("MessageID").asText(""),
                address(m.path("From")),
                addresses(m.path("To")),
                addresses(m.path("Cc")),
                addresses(m.path("Bcc")),
                m.path("Subject").asText(""),
                instant(m.path("Created").asText("")),
                m.path("Size").asLong(),
                m.path("Snippet").asText(""));
    }

    private static Address address(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return new Address(node.path("Name").asText(""), node.path("Address").asText(""));
    }

    /** Mailpit sends {@code null} for an empty list; both become an empty list here. */
    private static List<Address> addresses(JsonNode node) {
        List<Address> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(a -> out.add(address(a)));
        }
        return List.copyOf(out);
    }

    private static Instant instant(String value) {
        OffsetDateTime dateTime = dateTime(value);
        return dateTime == null ? null : dateTime.toInstant();
    }

    private static OffsetDateTime dateTime(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean contains(List<Address> addresses, String address) {
        return addresses.stream().anyMatch(a -> a.address().equalsIgnoreCase(address));
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
