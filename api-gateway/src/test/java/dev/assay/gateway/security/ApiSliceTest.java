package dev.assay.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * For web slice tests: the gateway's real security rules, with two users in memory instead of the database:
 * {@code alice} / {@value #ALICE_PASSWORD} and {@code bob} / {@value #BOB_PASSWORD}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({SecurityConfiguration.class, ProblemResponses.class, ApiSliceTest.Users.class})
public @interface ApiSliceTest {

    String ALICE_PASSWORD = "alice-password";
    String BOB_PASSWORD = "bob-password";

    /** The slice's users. */
    class Users {
        @Bean
        UserDetailsService users(PasswordEncoder passwords) {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password(passwords.encode(ALICE_PASSWORD)).roles("USER").build(),
                    User.withUsername("bob").password(passwords.encode(BOB_PASSWORD)).roles("USER").build());
        }
    }
}
