package dev.shipnotify.ops.lag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/lag")
@Tag(name = "Consumer lag")
public class LagResource {
    private final LagMonitor monitor;

    public LagResource(LagMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every consumer group's lag", description = "In records and in seconds, per group, topic "
            + "and partition, with a status per partition and group (worst first), as of the last refresh.")
    public LagReport lag() {
        return monitor.latest();
    }
}
