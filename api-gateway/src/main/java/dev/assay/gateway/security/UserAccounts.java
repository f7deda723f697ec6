package dev.assay.gateway.security;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/** The {@code users} table: accounts with BCrypt password hashes, never plain passwords. */
@Repository
public class UserAccounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    /** The account of that name, if there is one. */
    public Optional<UserDetails> find(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM users WHERE username = :username")
                .param("username", username)
                .query((rs, row) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional();
    }

    /**
     * Creates an account unless one of that name exists; an existing account is never changed.
     *
     * @param passwordHash a BCrypt hash
     * @return whether it was created
     */
    public boolean createIfMissing(String username, String passwordHash, Role role) {
        if (find(username).isPresent()) {
            return false;
        }
        try {
            return jdbc.sql("""
                            INSERT INTO users (username, password_hash, role, enabled, created_at)
                            VALUES (:username, :hash, :role, true, :at)""")
                    .param("username", username)
                    .param("hash", passwordHash)
                    .param("role", role.name())
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update() > 0;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
