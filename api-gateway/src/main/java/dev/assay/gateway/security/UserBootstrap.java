package dev.assay.gateway.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import dev.assay.gateway.config.AssayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the users of {@code assay.users} that do not exist yet, before the gateway takes requests. In
 * standalone mode without {@code assay.users}, it creates {@code demo} with a random password and prints it once,
 * with the URL, when the gateway is ready.
 */
@Component
class UserBootstrap implements SmartInitializingSingleton {

    static final String DEMO_USER = "demo";
    private static final Logger log = LoggerFactory.getLogger(UserBootstrap.class);

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final AssayProperties properties;
    private final Environment environment;
    private String demoPassword;

    UserBootstrap(UserAccounts accounts, PasswordEncoder passwords, AssayProperties properties,
            Environment environment) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<UserSpec> users = UserSpec.parseAll(properties.users());
        for (UserSpec user : users) {
            if (accounts.createIfMissing(user.username(), passwords.encode(user.password()), user.role())) {
                log.info("Created user {} ({})", user.username(), user.role());
            }
        }
        if (users.isEmpty() && properties.mode() == AssayProperties.Mode.STANDALONE) {
            String password = randomPassword();
            if (accounts.createIfMissing(DEMO_USER, passwords.encode(password), Role.USER)) {
                demoPassword = password;
            }
        } else if (users.isEmpty()) {
            log.warn("No users are configured (ASSAY_USERS); only users already in the database can sign in");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String url = "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
        if (demoPassword != null) {
            log.info("Assay is running at {} — sign in as {} / {}", url, DEMO_USER, demoPassword);
            demoPassword = null;
        } else if (properties.users().isBlank() && properties.mode() == AssayProperties.Mode.STANDALONE) {
            log.info("Assay is running at {} — sign in as {} (its password was printed at the first start)", url,
                    DEMO_USER);
        } else if (!properties.users().isBlank()) {
            log.info("Assay is running at {} — sign in as one of the users of ASSAY_USERS: {}", url,
                    UserSpec.parseAll(properties.users()).stream().map(UserSpec::username)
                            .collect(java.util.stream.Collectors.joining(", ")));
        } else {
            log.info("Assay is running at {}", url);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
