package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /{phone-number-id}/messages} body the way the Cloud API does, so a request this
 * sandbox accepts is one Meta accepts too, and a mistake fails in a test instead of in production.
 */
final class SendRequestValidator {
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9 ()\\-.]+");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");
    /** Meta refuses these in template text parameters (error 100, "Param text cannot have ..."). */
    private static final Pattern FORBIDDEN_PARAM_TEXT = Pattern.compile("[\\n\\t]| {5,}");
    private static final int MAX_TEXT_BODY = 4096;
    private static final Set<String> MEDIA_TYPES = Set.of("image", "document", "audio", "video", "sticker");
    private static final Set<String> OBJECT_TYPES = Set.of("location", "contacts", "interactive", "reaction");
    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button", "footer",
            "carousel", "limited_time_offer");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "currency", "date_time", "image", "document",
            "video", "location", "payload", "action", "coupon_code", "product", "order_status");

    private SendRequestValidator() {
    }

    static SendRequest validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        String product = requiredText(body, "messaging_product");
        if (!product.equals("whatsapp")) {
            throw invalid("Param messaging_product must be \"whatsapp\", got \"" + product + "\".");
        }
        JsonNode recipientType = body.get("recipient_type");
        if (recipientType != null && !(recipientType.isTextual()
                && Set.of("individual", "group").contains(recipientType.asText()))) {
            throw invalid("Param recipient_type must be \"individual\".");
        }
        String to = requiredText(body, "to");
        String waId = to.replaceAll("[^0-9]", "");
        if (!PHONE_CHARS.matcher(to).matches() || waId.length() < 5 || waId.length() > 15) {
            throw invalid("Param to must be a phone number: up to 15 digits with country code, "
                    + "optionally with a leading '+'.");
        }
        String type = body.has("type") ? textOf(body, "type") : "text";
        String callbackData = body.path("biz_opaque_callback_data").asText(null);
        return switch (type) {
            case "template" -> template(body, to, waId, callbackData);
            case "text" -> text(body, to, waId, callbackData);
            default -> other(body, to, waId, type, callbackData);
        };
    }

    private static SendRequest template(JsonNode body, String to, String waId, String callbackData) {
        JsonNode template = requiredObject(body, "template");
        String name = requiredText(template, "template.name", "name");
        if (!TEMPLATE_NAME.matcher(name).matches()) {
            throw invalid("Param template.name must be a template name: lower case letters, digits and "
                    + "underscores.");
        }
        JsonNode language = template.get("language");
        if (language == null || !language.isObject()) {
            throw new GraphErrorException(GraphErrors.missingParameter("template.language"));
        }
        String code = requiredText(language, "template.language.code", "code");
        if (!LANGUAGE_CODE.matcher(code).matches()) {
            throw invalid("Param template.language.code must be a language code such as \"en\", \"en_US\" "
                    + "or \"hi\".");
        }
        JsonNode policy = language.get("policy");
        if (policy != null && !policy.asText().equals("deterministic")) {
            throw invalid("Param template.language.policy must be \"deterministic\".");
        }
        JsonNode components = template.get("components");
        List<String> bodyParameters = new ArrayList<>();
        if (components != null) {
            if (!components.isArray()) {
                throw invalid("Param template.components must be an array.");
            }
            for (int i = 0; i < components.size(); i++) {
                component(components.get(i), "template.components[" + i + "]", bodyParameters);
            }
        }
        return new SendRequest(to, waId, "template", name, code, List.copyOf(bodyParameters), components, null,
                callbackData);
    }

    private static void component(JsonNode component, String where, List<String> bodyParameters) {
        if (component == null || !component.isObject()) {
            throw invalid("Param " + where + " must be an object.");
        }
        String type = requiredText(component, where + ".type", "type");
        if (!COMPONENT_TYPES.contains(type)) {
            throw invalid("Param " + where + ".type must be one of header, body, button.");
        }
        if (type.equals("button")) {
            requiredText(component, where + ".sub_type", "sub_type");
            JsonNode index = component.get("index");
            if (index == null || !(index.isInt() || index.asText().matches("[0-9]"))) {
                throw invalid("Param " + where + ".index must be a button index from 0 to 9.");
            }
        }
        JsonNode parameters = component.get("parameters");
        if (parameters == null) {
            return;
        }
        if (!parameters.isArray()) {
            throw invalid("Param " + where + ".parameters must be an array.");
        }
        for (int i = 0; i < parameters.size(); i++) {
            String value = parameter(parameters.get(i), where + ".parameters[" + i + "]", type);
            if (type.equals("body")) {
                bodyParameters.add(value);
            }
        }
    }

    /** @return the value a reader would see for this parameter */
    private static String parameter(JsonNode parameter, String where, String componentType) {
        if (parameter == null || !parameter.isObject()) {
            throw invalid("Param " + where + " must be an object.");
        }
        String type = requiredText(parameter, where + ".type", "type");
        if (!PARAMETER_TYPES.contains(type)) {
            throw invalid("Param " + where + ".type \"" + type + "\" is not a parameter type.");
        }
        JsonNode name = parameter.get("parameter_name");
        if (name != null && !name.asText().matches("[a-z0-9_]+")) {
            throw invalid("Param " + where + ".parameter_name must use lower case letters, digits and underscores.");
        }
        return switch (type) {
            case "text" -> {
                String text = requiredText(parameter, where + ".text", "text");
                if (text.isBlank()) {
                    throw invalid("Param " + where + ".text must not be empty.");
                }
                if (!componentType.equals("button") && FORBIDDEN_PARAM_TEXT.matcher(text).find()) {
                    throw invalid("Param text cannot have new-line/tab characters or more than 4 consecutive "
                            + "spaces (" + where + ".text).");
                }
                yield text;
            }
            case "currency" -> {
                JsonNode currency = requiredObject(parameter, "currency", where + ".currency");
                requiredText(currency, where + ".currency.code", "code");
                if (!currency.path("amount_1000").canConvertToLong()) {
                    throw invalid("Param " + where + ".currency.amount_1000 must be an integer.");
                }
                yield requiredText(currency, where + ".currency.fallback_value", "fallback_value");
            }
            case "date_time" -> requiredText(requiredObject(parameter, "date_time", where + ".date_time"),
                    where + ".date_time.fallback_value", "fallback_value");
            case "image", "document", "video" -> media(requiredObject(parameter, type, where + "." + type),
                    where + "." + type);
            case "payload", "coupon_code" -> requiredText(parameter, where + "." + type, type);
            default -> parameter.path(type).toString();
        };
    }

    private static SendRequest text(JsonNode body, String to, String waId, String callbackData) {
        JsonNode text = requiredObject(body, "text");
        String content = requiredText(text, "text.body", "body");
        if (content.isEmpty() || content.length() > MAX_TEXT_BODY) {
            throw invalid("Param text.body must have 1 to " + MAX_TEXT_BODY + " characters.");
        }
        return new SendRequest(to, waId, "text", null, null, List.of(), null, content, callbackData);
    }

    private static SendRequest other(JsonNode body, String to, String waId, String type, String callbackData) {
        if (MEDIA_TYPES.contains(type)) {
            media(requiredObject(body, type), type);
        } else if (OBJECT_TYPES.contains(type)) {
            requiredObject(body, type);
        } else {
            throw invalid("Param type \"" + type + "\" is not a supported message type.");
        }
        return new SendRequest(to, waId, type, null, null, List.of(), null, null, callbackData);
    }

    private static String media(JsonNode media, String where) {
        String link = media.path("link").asText("");
        String id = media.path("id").asText("");
        if (link.isEmpty() == id.isEmpty()) {
            throw invalid("Param " + where + " must have exactly one of \"link\" or \"id\".");
        }
        return link.isEmpty() ? id : link;
    }

    private static JsonNode requiredObject(JsonNode parent, String field) {
        return requiredObject(parent, field, field);
    }

    private static JsonNode requiredObject(JsonNode parent, String field, String shownAs) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new GraphErrorException(GraphErrors.missingParameter(shownAs));
        }
        if (!value.isObject()) {
            throw invalid("Param " + shownAs + " must be an object.");
        }
        return value;
    }

    private static String requiredText(JsonNode parent, String field) {
        return requiredText(parent, field, field);
    }

    private static String requiredText(JsonNode parent, String shownAs, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new GraphErrorException(GraphErrors.missingParameter(shownAs));
        }
        if (!value.isTextual()) {
            throw invalid("Param " + shownAs + " must be a string.");
        }
        return value.asText();
    }

    private static String textOf(JsonNode parent, String field) {
        return requiredText(parent, field, field);
    }

    private static GraphErrorException invalid(String details) {
        return new GraphErrorException(GraphErrors.invalidParameter(details));
    }
}
