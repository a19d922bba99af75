package dev.shipnotify.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request body that is not JSON, or JSON of the wrong shape (a string where a number belongs, an object where a
 * list belongs). The problem names the field as far as the parser got, e.g. {@code items[0].quantity}.
 */
public class JsonProblemMapper {

    /** Where no field can be named: the body as a whole. */
    static final String BODY = "body";

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response map(JsonProcessingException e, UriInfo uriInfo) {
        return toResponse(e, uriInfo);
    }

    static Response toResponse(JsonProcessingException e, UriInfo uriInfo) {
        StreamReadException malformed = malformed(e);
        Problem.FieldError error = new Problem.FieldError(fieldOf(e, malformed),
                malformed != null ? "is not valid JSON: " + malformed.getOriginalMessage() : messageOf(e));
        String detail = malformed != null ? "Malformed JSON near " + error.field() : "Invalid field: " + error.field();
        return Problems.response(ProblemType.INVALID_REQUEST, detail, List.of(error), uriInfo);
    }

    /** The deepest place we know: the parser's position for broken JSON, else the path databind recorded. */
    static String fieldOf(JsonProcessingException e, StreamReadException malformed) {
        JsonParser parser = malformed == null ? null : malformed.getProcessor();
        String parsed = parser == null ? BODY : pathOf(parser.getParsingContext());
        String mapped = e instanceof JsonMappingException mapping ? pathOf(mapping.getPath()) : BODY;
        if (parsed.equals(BODY)) {
            return mapped;
        }
        return mapped.equals(BODY) || parsed.length() >= mapped.length() ? parsed : mapped;
    }

    private static StreamReadException malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    /** {@code items[0].quantity}; a body that is not an object at all is {@code body}. */
    private static String pathOf(List<JsonMappingException.Reference> references) {
        if (references.isEmpty() || references.get(0).getFieldName() == null) {
            return BODY;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : BODY;
    }

    private static String messageOf(JsonProcessingException e) {
        if (e instanceof InvalidFormatException invalid) {
            return "must be " + describe(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "has the wrong type; expected " + describe(mismatched.getTargetType());
        }
        return "has an invalid value";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class) {
            return "a decimal amount such as \"499.00\"";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
