package dev.shipnotify.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Anything else is our bug or an outage: the caller gets a 500 with an incident id to quote, never a stack trace
 * or a class name; the log gets the details under the same id.
 */
public class UnexpectedProblemMapper {
    // A library class: io.quarkus.logging.Log is only rewritten in the application's own classes.
    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class);

    @ServerExceptionMapper
    public Response map(Exception e, UriInfo uriInfo) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s, incident %s", uriInfo.getPath(), incident);
        return Problems.response(ProblemType.INTERNAL, "Something went wrong on our side; incident " + incident,
                List.of(), uriInfo);
    }
}
