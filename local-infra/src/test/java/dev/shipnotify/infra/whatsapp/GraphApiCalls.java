package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/** Calls the sandbox the way a service calls graph.facebook.com, and builds request bodies for tests. */
final class GraphApiCalls {
    static final String TOKEN = "EAAG-test-token";
    static final String PHONE_NUMBER_ID = "106540352242922";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Status code and parsed JSON body of one call. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    GraphApiCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer send(String body) throws Exception {
        return send("Bearer " + TOKEN, "/v21.0/" + PHONE_NUMBER_ID + "/messages", body);
    }

    Answer send(String authorization, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    /** An Indian mobile number no other test uses. */
    static String uniquePhone() {
        return "+919" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    }

    static String template(String to, String name, String language, String... bodyParameters) {
        StringBuilder parameters = new StringBuilder();
        for (String p : bodyParameters) {
            if (parameters.length() > 0) {
                parameters.append(',');
            }
            parameters.append("{\"type\":\"text\",\"text\":").append(quote(p)).append('}');
        }
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":" + quote(to)
                + ",\"type\":\"template\",\"template\":{\"name\":" + quote(name)
                + ",\"language\":{\"code\":" + quote(language) + "},\"components\":[{\"type\":\"body\","
                + "\"parameters\":[" + parameters + "]}]}}";
    }

    static String text(String to, String body) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":" + quote(to) + ",\"type\":\"text\",\"text\":{\"body\":"
                + quote(body) + "}}";
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
