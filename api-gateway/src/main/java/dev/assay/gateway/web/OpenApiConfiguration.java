package dev.assay.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description at {@code /v3/api-docs}: what Assay's API is and how to sign in to it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI assayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Assay API").version("v1")
                        .description("Upload CSV, TSV, JSON lines, log and text files, follow their background"
                                + " analysis and fetch the results. Errors are RFC 9457 problem JSON."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                // served by Spring Security's logout filter, so no controller describes it
                .path("/api/auth/logout", new PathItem().post(new Operation()
                        .summary("Sign out: ends the browser session (needs the CSRF token)")
                        .responses(new ApiResponses().addApiResponse("204", new ApiResponse()
                                .description("Signed out")))));
    }
}
