package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A message the sandbox accepted, as {@code GET /sandbox/messages} lists it.
 *
 * @param status     the last status reported for it: {@code accepted} until a status webhook was
 *                   delivered, then {@code sent}, {@code delivered}, {@code failed}, or {@code read} (reported
 *                   through {@code POST /sandbox/messages/{id}/read})
 * @param errorCode  the Graph error code of a {@code failed} status, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SentMessage(
        String id,
        String phoneNumberId,
        String to,
        String waId,
        String type,
        String templateName,
        String language,
        List<String> parameters,
        JsonNode components,
        String text,
        String bizOpaqueCallbackData,
        Instant time,
        String status,
        Integer errorCode) {

    SentMessage withStatus(String newStatus, Integer newErrorCode) {
        return new SentMessage(id, phoneNumberId, to, waId, type, templateName, language, parameters, components,
                text, bizOpaqueCallbackData, time, newStatus, newErrorCode);
    }
}
