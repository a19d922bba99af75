package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A send request that passed validation.
 *
 * @param to          the recipient exactly as the caller wrote it (echoed as {@code contacts[].input})
 * @param waId        its digits only (echoed as {@code contacts[].wa_id})
 * @param parameters  the body component's parameter values in order (text, or the fallback value of a
 *                    currency/date), which is what a notification's wording is checked against
 * @param components  the template's components as sent, for anything else a test wants to look at
 */
record SendRequest(
        String to,
        String waId,
        String type,
        String templateName,
        String language,
        List<String> parameters,
        JsonNode components,
        String text,
        String bizOpaqueCallbackData) {
}
