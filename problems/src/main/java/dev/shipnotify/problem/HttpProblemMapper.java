package dev.shipnotify.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Statuses raised by the HTTP layer itself: no such route, wrong method, wrong content type, and bodies the
 * JSON reader rejected before our code ran.
 */
public class HttpProblemMapper {
    // A library class: io.quarkus.logging.Log is only rewritten in the application's own classes.
    private static final Logger LOG = Logger.getLogger(HttpProblemMapper.class);

    @ServerExceptionMapper
    public Response map(WebApplicationException e, UriInfo uriInfo) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblemMapper.toResponse(json, uriInfo);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "HTTP %d on %s", status, uriInfo.getPath());
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "Nothing at " + uriInfo.getPath();
            case 405 -> "This method is not allowed on " + uriInfo.getPath();
            case 406 -> "This resource answers application/json";
            case 415 -> "Send the body as application/json";
            default -> type.title();
        };
        Response problem = Problems.response(type, status, detail, List.of(), uriInfo);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
    }
}
