package dev.assay.gateway.web;

import java.io.IOException;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the built dashboard (the {@code frontend} jar's {@code static/} resources) at {@code /}. A path that is
 * not a file and looks like a client route (no extension, outside the API) gets {@code index.html}, so that a
 * reload of {@code /jobs/123} opens the dashboard there.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    private static final String[] SERVER_PATHS = {"api/", "ws", "actuator", "v3/", "swagger-ui", "error"};

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new ClientRouteResolver());
    }

    /** Resolves files as usual, and client routes to {@code index.html}. */
    static final class ClientRouteResolver extends PathResourceResolver {

        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource resource = super.getResource(resourcePath, location);
            if (resource != null || !isClientRoute(resourcePath)) {
                return resource;
            }
            return super.getResource("index.html", location);
        }

        static boolean isClientRoute(String path) {
            for (String serverPath : SERVER_PATHS) {
                if (path.startsWith(serverPath)) {
                    return false;
                }
            }
            String lastSegment = path.substring(path.lastIndexOf('/') + 1);
            return !lastSegment.contains(".");
        }
    }
}
