package dev.shipnotify.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Builds problem responses the same way for every mapper. */
public final class Problems {
    private Problems() {
    }

    public static Response response(ProblemType type, int status, String detail, List<Problem.FieldError> errors,
            UriInfo uriInfo) {
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), status, detail, instance, errors));
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    public static Response response(ProblemType type, String detail, List<Problem.FieldError> errors, UriInfo uriInfo) {
        return response(type, type.status(), detail, errors, uriInfo);
    }
}
