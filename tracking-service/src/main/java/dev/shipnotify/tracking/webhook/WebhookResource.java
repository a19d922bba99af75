package dev.shipnotify.tracking.webhook;

import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import dev.shipnotify.tracking.TrackingConfig;
import dev.shipnotify.tracking.shipment.Scan;
import dev.shipnotify.tracking.shipment.ShipmentTracking;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhooks/{source}}: a courier's or aggregator's scans, in its own format and signed its own way. The
 * body is read raw and bounded (413 past {@code tracking.webhook.max-body-bytes}), the signature checked on those
 * bytes (401 and nothing stored if wrong), then the adapter reads the scans (400 naming the field if malformed).
 */
@Path("/webhooks/{source}")
@Tag(name = "Courier webhooks")
public class WebhookResource {
    private final Map<String, CourierAdapter> adapters = new HashMap<>();
    private final Map<String, List<byte[]>> secrets = new ConcurrentHashMap<>();
    private final WebhookSecrets configured;
    private final ShipmentTracking tracking;
    private final int maxBodyBytes;
    private final MeterRegistry metrics;

    public WebhookResource(Instance<CourierAdapter> adapters, WebhookSecrets configured, ShipmentTracking tracking,
            TrackingConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        adapters.forEach(adapter -> this.adapters.put(adapter.source(), adapter));
        this.configured = configured;
        this.tracking = tracking;
        this.maxBodyBytes = config.webhook().maxBodyBytes();
    }

    void readSecrets(@Observes StartupEvent started) {
        adapters.values().forEach(adapter -> secrets.put(adapter.source(), configured.keys(adapter)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a courier's scans",
            description = "source is one of canonical, aftership, easypost, shippo, shiprocket. A repeated scan is "
                    + "counted as a duplicate and changes nothing; a scan for a parcel not registered yet is kept "
                    + "and applied when the parcel is registered.")
    @APIResponse(responseCode = "200", description = "Verified and stored",
            content = @Content(schema = @Schema(implementation = ShipmentTracking.Receipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed body; errors name each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, wrong or stale signature; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over the configured limit; not read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentTracking.Receipt receive(@PathParam("source") String source, HttpHeaders headers, InputStream body) {
        CourierAdapter adapter = adapters.get(source);
        if (adapter == null) {
            throw new ResourceNotFoundException("webhook source", source);
        }
        String outcome = "failed";
        try {
            ShipmentTracking.Receipt receipt = receive(adapter, source, headers, body);
            outcome = "accepted";
            return receipt;
        } catch (SignatureRejectedException e) {
            outcome = "unauthorized";
            throw e;
        } catch (PayloadTooLargeException e) {
            outcome = "too_large";
            throw e;
        } catch (InvalidRequestException e) {
            outcome = "invalid";
            throw e;
        } finally {
            // webhooks_received_total{source, outcome}: accepted, unauthorized, too_large, invalid or failed.
            metrics.counter("webhooks_received", "source", source, "outcome", outcome).increment();
        }
    }

    private ShipmentTracking.Receipt receive(CourierAdapter adapter, String source, HttpHeaders headers,
            InputStream body) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        Map<String, String> single = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> single.put(name, String.join(", ", values)));
        WebhookRequest request = new WebhookRequest(source, single, read(body), Instant.now());
        adapter.verify(request, secrets.getOrDefault(source, List.of()));
        List<Scan> scans = adapter.scans(request);
        ShipmentTracking.Receipt receipt = tracking.receive(scans);
        Log.debugf("Webhook %s: %d scans, %d new, %d duplicates, %d awaiting registration", source, scans.size(),
                receipt.accepted(), receipt.duplicates(), receipt.awaitingRegistration());
        return receipt;
    }

    /** The body, read up to one byte past the limit: a body without Content-Length cannot slip past it either. */
    private byte[] read(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new PayloadTooLargeException(maxBodyBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the webhook body", e);
        }
    }
}
