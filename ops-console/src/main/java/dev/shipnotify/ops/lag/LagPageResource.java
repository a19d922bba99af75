package dev.shipnotify.ops.lag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The page on-call opens: every group worst first, a bar per partition scaled to the largest lag on the page, the
 * lag in seconds, the status and the time to drain, as of the last refresh. It reloads itself every refresh
 * interval (a meta refresh, no JavaScript).
 */
@Path("/")
@Tag(name = "Consumer lag")
public class LagPageResource {
    private final LagMonitor monitor;

    public LagPageResource(LagMonitor monitor) {
        this.monitor = monitor;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(LagReport report, long largestLag, long refreshSeconds);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The lag page", description = "Server-rendered, refreshes itself.")
    public String page() {
        LagReport report = monitor.latest();
        long largest = report.groups().stream().flatMap(g -> g.partitions().stream())
                .mapToLong(LagReport.Partition::lagRecords).max().orElse(0);
        return Templates.page(report, largest, Math.max(1, monitor.refreshInterval().toSeconds())).render();
    }

    /** What the template prints for numbers: {@code {fmt:duration(seconds)}}, {@code {fmt:bar(partition, largest)}}. */
    @TemplateExtension(namespace = "fmt")
    static final class Format {
        private Format() {
        }

        /** The bar's width in percent of the largest lag; at least 1 when there is any lag, so it shows. */
        static long bar(LagReport.Partition partition, long largest) {
            if (partition.lagRecords() == 0 || largest == 0) {
                return 0;
            }
            return Math.max(1, Math.round(100.0 * partition.lagRecords() / largest));
        }

        /** "0 s", "42 s", "3 m 05 s", "2 h 10 m"; "not draining" for null (no progress to extrapolate from). */
        static String duration(Double seconds) {
            if (seconds == null) {
                return "not draining";
            }
            long s = Math.round(seconds);
            if (s < 60) {
                return s + " s";
            }
            if (s < 3600) {
                return String.format(Locale.ROOT, "%d m %02d s", s / 60, s % 60);
            }
            return String.format(Locale.ROOT, "%d h %02d m", s / 3600, s % 3600 / 60);
        }

        /** "drains in 42 s", or "not draining". */
        static String drain(Double seconds) {
            return seconds == null ? duration(null) : "drains in " + duration(seconds);
        }

        static String css(Status status) {
            return status.name().toLowerCase(Locale.ROOT);
        }
    }
}
