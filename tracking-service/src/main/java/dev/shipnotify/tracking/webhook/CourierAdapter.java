package dev.shipnotify.tracking.webhook;

import dev.shipnotify.tracking.shipment.Scan;
import java.util.List;

/**
 * One webhook source: how it signs and what it sends. Adding a courier or aggregator is one implementation of
 * this (a CDI bean) and its test; {@link WebhookResource} finds it by {@link #source()}.
 */
public interface CourierAdapter {

    /** The {@code {source}} of {@code POST /webhooks/{source}}, also the {@code tracking.webhook.<source>.secrets} key. */
    String source();

    /**
     * Checks that the request was signed with one of the secrets (newest first), on the raw body, in constant time.
     *
     * @throws SignatureRejectedException when it was not, or when the signature is missing or stale
     */
    void verify(WebhookRequest request, List<byte[]> secrets);

    /**
     * The scans the body reports, normalised to the taxonomy.
     *
     * @throws dev.shipnotify.problem.InvalidRequestException naming each bad field when the body is malformed
     */
    List<Scan> scans(WebhookRequest request);

    /** How the source writes its secrets in configuration, turned into key bytes (e.g. {@code whsec_<base64>}). */
    default byte[] secretKey(String configured) {
        return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
