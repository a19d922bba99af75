package dev.shipnotify.infra.whatsapp;

import java.util.Map;

/**
 * The Cloud API errors the sandbox can answer, with the HTTP status, title and details Meta documents
 * ("Error codes" in the WhatsApp Cloud API docs). Note that Meta answers the throttling codes 130429 and
 * 131056 with HTTP 400, not 429: clients must decide on {@code error.code}, never on the status.
 */
public final class GraphErrors {
    public static final int INVALID_PARAMETER = 100;
    public static final int ACCESS_TOKEN_EXPIRED = 190;
    public static final int RATE_LIMIT_HIT = 130429;
    public static final int PAIR_RATE_LIMIT_HIT = 131056;
    public static final int MESSAGE_UNDELIVERABLE = 131026;
    public static final int RE_ENGAGEMENT_MESSAGE = 131047;

    private static final Map<Integer, GraphError> KNOWN = Map.ofEntries(
            known(400, 4, null, "Application request limit reached",
                    "The app has reached its API call rate limit."),
            known(503, 2, null, "Service temporarily unavailable",
                    "Temporary due to downtime or due to being overloaded."),
            known(400, INVALID_PARAMETER, null, "Invalid parameter",
                    "The request included one or more unsupported or misspelled parameters."),
            Map.entry(ACCESS_TOKEN_EXPIRED, new GraphError(401, ACCESS_TOKEN_EXPIRED, 463,
                    "Error validating access token: Session has expired.", null)),
            known(403, 368, null, "Temporarily blocked for policies violations",
                    "The WhatsApp Business Account associated with the app has been restricted or disabled for "
                            + "violating a platform policy."),
            known(400, 80007, null, "Rate limit issues",
                    "The WhatsApp Business Account has reached its rate limit."),
            known(400, RATE_LIMIT_HIT, 2494055, "Rate limit hit",
                    "Message failed to send because there were too many messages sent from this phone number "
                            + "in a short period of time"),
            known(500, 131000, null, "Something went wrong",
                    "Message failed to send due to an unknown error."),
            known(403, 131005, null, "Access denied", "Permission is either not granted or has been removed."),
            known(400, 131008, null, "Required parameter is missing",
                    "The request is missing a required parameter."),
            known(400, 131009, null, "Parameter value is not valid",
                    "One or more parameter values are invalid."),
            known(503, 131016, null, "Service unavailable", "A service is temporarily unavailable."),
            known(400, MESSAGE_UNDELIVERABLE, null, "Message undeliverable",
                    "Unable to deliver message. Reasons can include: the recipient phone number is not a "
                            + "WhatsApp phone number; the recipient has not accepted WhatsApp's Terms of Service "
                            + "and Privacy Policy; the recipient is using an old WhatsApp version."),
            known(400, RE_ENGAGEMENT_MESSAGE, null, "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last "
                            + "replied to this number."),
            known(400, 131048, null, "Spam rate limit hit",
                    "Message failed to send because there are restrictions on how many messages can be sent "
                            + "from this phone number."),
            known(400, 131049, null, "This message was not delivered to maintain healthy ecosystem engagement.",
                    "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."),
            known(400, PAIR_RATE_LIMIT_HIT, null, "(Business Account, Consumer Account) pair rate limit hit",
                    "Message failed to send because there were too many messages sent from this phone number "
                            + "to the same phone number in a short period of time."),
            known(400, 132000, null, "Number of parameters does not match the expected number of params",
                    "The number of parameters provided does not match the expected number of parameters."),
            known(404, 132001, null, "Template name does not exist in the translation",
                    "The template does not exist in the specified language or the template has not been "
                            + "approved."),
            known(400, 133010, null, "Account not registered",
                    "The phone number is not registered on the WhatsApp Business Platform."));

    private GraphErrors() {
    }

    /** The documented error for a code; an undocumented code answers HTTP 400 with a generic title. */
    public static GraphError forCode(int code) {
        GraphError known = KNOWN.get(code);
        return known != null ? known
                : new GraphError(400, code, null, "(#" + code + ") Error injected by the WhatsApp sandbox",
                "Error " + code + " injected by the WhatsApp sandbox.");
    }

    public static boolean isKnown(int code) {
        return KNOWN.containsKey(code);
    }

    /** A malformed send request, with what exactly is wrong in {@code error_data.details}. */
    public static GraphError invalidParameter(String details) {
        return new GraphError(400, INVALID_PARAMETER, null, "(#100) Invalid parameter", details);
    }

    /** What Graph answers a request missing a required field. */
    public static GraphError missingParameter(String name) {
        return new GraphError(400, INVALID_PARAMETER, null, "(#100) The parameter " + name + " is required.",
                "The parameter " + name + " is required.");
    }

    /** A wrong or missing bearer token. */
    public static GraphError invalidToken() {
        return new GraphError(401, ACCESS_TOKEN_EXPIRED, null,
                "Invalid OAuth access token - Cannot parse access token", null);
    }

    /** A path that names no phone number. */
    public static GraphError unknownObject(String id) {
        return new GraphError(400, INVALID_PARAMETER, 33, "Unsupported post request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
                + "operation. Please read the Graph API documentation at "
                + "https://developers.facebook.com/docs/graph-api",
                null);
    }

    /** A path Graph does not know at all. */
    public static GraphError unknownPath(String path) {
        return new GraphError(400, 2500, null, "Unknown path components: " + path, null);
    }

    private static Map.Entry<Integer, GraphError> known(int httpStatus, int code, Integer subcode, String title,
                                                        String details) {
        return Map.entry(code, new GraphError(httpStatus, code, subcode, "(#" + code + ") " + title, details));
    }
}
