package dev.shipnotify.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Our own failures: each already knows its problem type, detail and field errors. */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response map(ProblemException e, UriInfo uriInfo) {
        return Problems.response(e.type(), e.getMessage(), e.errors(), uriInfo);
    }
}
