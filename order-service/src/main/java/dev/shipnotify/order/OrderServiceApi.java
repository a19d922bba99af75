package dev.shipnotify.order;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and the two credentials: a merchant's API key and the operator's admin token. */
@OpenAPIDefinition(
        info = @Info(title = "order-service", version = "1",
                description = "Merchants place and read orders; each placed order is published as order-placed."),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = "merchantKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The merchant's API key, issued when the merchant is created"),
                @SecurityScheme(securitySchemeName = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The operator's token, order.admin-token") }))
public class OrderServiceApi extends Application {
}
