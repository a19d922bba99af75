package dev.shipnotify.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object mother for {@code POST /api/orders} bodies: a valid order with unique shopper and SKUs, which a test
 * bends with {@link #set} and {@link #remove} at paths such as {@code customer.email} or {@code items[0].quantity}.
 */
public final class OrderJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d+)])?");

    private final ObjectNode root;
    private final String suffix;

    private OrderJson(ObjectNode root, String suffix) {
        this.root = root;
        this.suffix = suffix;
    }

    /** Two lines, 1 × 4999.00 and 2 × 899.00 INR: total 6797.00. */
    public static OrderJson anOrder() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode customer = root.putObject("customer");
        customer.put("name", "Priya Sharma " + suffix);
        customer.put("email", "priya." + suffix + "@example.com");
        customer.put("phone", String.format("+9198765%05d", Math.abs(suffix.hashCode() % 100000)));
        customer.put("locale", "hi-IN");
        customer.put("timeZone", "Asia/Kolkata");
        customer.putObject("consent").put("email", true).put("whatsapp", true);
        ArrayNode items = root.putArray("items");
        items.add(item("SAR-" + suffix, "Banarasi silk saree", 1, "4999.00")
                .put("imageUrl", "https://cdn.example.com/p/SAR-" + suffix + ".jpg"));
        items.add(item("DUP-" + suffix, "Chanderi cotton dupatta", 2, "899.00"));
        ObjectNode address = root.putObject("shippingAddress");
        address.put("line1", "14, 5th Cross, Koramangala");
        address.put("city", "Bengaluru");
        address.put("postcode", "560034");
        address.put("country", "IN");
        return new OrderJson(root, suffix);
    }

    private static ObjectNode item(String sku, String name, int quantity, String amount) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("sku", sku);
        item.put("name", name);
        item.put("quantity", quantity);
        item.putObject("unitPrice").put("amount", amount).put("currency", "INR");
        return item;
    }

    /** Sets a value: a String, Number, Boolean, null or a {@link JsonNode}. */
    public OrderJson set(String path, Object value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : at(path.substring(0, dot));
        String last = dot < 0 ? path : path.substring(dot + 1);
        JsonNode node = value instanceof JsonNode json ? json : MAPPER.valueToTree(value);
        Matcher step = step(last);
        if (step.group(2) != null) {
            ((ArrayNode) parent.get(step.group(1))).set(Integer.parseInt(step.group(2)), node);
        } else {
            ((ObjectNode) parent).set(last, node);
        }
        return this;
    }

    public OrderJson remove(String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : at(path.substring(0, dot));
        ((ObjectNode) parent).remove(path.substring(dot + 1));
        return this;
    }

    public JsonNode at(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            Matcher step = step(part);
            node = node.get(step.group(1));
            if (step.group(2) != null) {
                node = node.get(Integer.parseInt(step.group(2)));
            }
        }
        return node;
    }

    public String email() {
        return root.get("customer").get("email").asText();
    }

    public String suffix() {
        return suffix;
    }

    public String json() {
        return root.toString();
    }

    @Override
    public String toString() {
        return json();
    }

    private static Matcher step(String part) {
        Matcher matcher = STEP.matcher(part);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a path step: " + part);
        }
        return matcher;
    }
}
