package dev.shipnotify.ops.deadletters;

import dev.shipnotify.problem.AdminAuthenticated;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter topics and their records, as JSON and as a page, and their replay (with the operator's token).
 */
@Path("/")
@Tag(name = "Dead letters")
public class DeadLettersResource {
    private static final int PAGE_LIMIT = 20;

    private final DeadLetters deadLetters;

    public DeadLettersResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** What {@code POST …/replay} answers. */
    public record Replayed(List<DeadLetter> replayed) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<DeadLetterTopic> topics, Map<String, List<DeadLetter>> newest,
                int limit);
    }

    @GET
    @Path("/api/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every dead-letter topic", description = "With how many records it holds and how many of "
            + "them were not replayed yet.")
    public List<DeadLetterTopic> topics() {
        return deadLetters.topics();
    }

    @GET
    @Path("/api/dead-letters/{topic}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The records of one dead-letter topic", description = "Newest first, with the reason, "
            + "where each came from, its event id and type, and its replay if there was one. Bodies are not shown.")
    public List<DeadLetter> list(@PathParam("topic") String topic,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(topic, limit).orElseThrow(() -> new DeadLetterNotFoundException(topic));
    }

    @POST
    @Path("/api/dead-letters/{topic}/{partition}/{offset}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminAuthenticated
    @Operation(summary = "Replay one dead letter", description = "Puts it back on the topic it came from, once; "
            + "409 if it was replayed before.")
    public Replayed replay(@PathParam("topic") String topic, @PathParam("partition") @PositiveOrZero int partition,
            @PathParam("offset") @PositiveOrZero long offset) {
        return new Replayed(List.of(deadLetters.replay(topic, partition, offset)));
    }

    @POST
    @Path("/api/dead-letters/{topic}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminAuthenticated
    @Operation(summary = "Replay every dead letter of a topic not replayed yet", description = "Oldest first.")
    public Replayed replayAll(@PathParam("topic") String topic) {
        return new Replayed(deadLetters.replayAll(topic));
    }

    @GET
    @Path("/dead-letters")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dead-letters page")
    public String page() {
        List<DeadLetterTopic> topics = deadLetters.topics();
        Map<String, List<DeadLetter>> newest = new LinkedHashMap<>();
        topics.stream().filter(t -> t.records() > 0)
                .forEach(t -> newest.put(t.topic(), deadLetters.list(t.topic(), PAGE_LIMIT).orElse(List.of())));
        return Templates.page(topics, newest, PAGE_LIMIT).render();
    }
}
