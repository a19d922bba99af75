package dev.shipnotify.tracking;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and the merchant credential; webhooks carry their source's own signature instead. */
@OpenAPIDefinition(
        info = @Info(title = "tracking-service", version = "1",
                description = "Merchants register parcels; couriers post scans; each change of a shipment's status "
                        + "is published as shipment-updated, a delivery also as delivered."),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "merchantKey",
                type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "The merchant's API key, as order-service issued it")))
public class TrackingServiceApi extends Application {
}
